package io.qrvend.terminal.payment.alipay;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway's answer whose body never ends: the headers and one byte, then nothing until the test
 * {@link #release}s it (a drip, byte by byte, is the same to a client reading the body; the simulator's
 * {@code drip} fault drips for real). After the release it writes until the connection fails, which
 * tells whether the client dropped the connection. No sleeps: the test decides when time is up.
 */
public final class StalledBody {
    private static final byte[] KIB = new byte[1024];
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch clientGone = new CountDownLatch(1);

    /** Serves {@code ex}; returns once released, or at once when the client is found gone. */
    public void serve(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            out.write(' ');
            out.flush();
            stalled.countDown();
            if (!released.await(2, TimeUnit.MINUTES)) {
                return;
            }
            for (int i = 0; i < 64 * 1024; i++) { // 64 MiB at most: far more than socket buffers hold
                out.write(KIB);
                out.flush();
            }
        } catch (IOException e) {
            clientGone.countDown(); // the client closed the connection under us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean awaitStalled(Duration limit) throws InterruptedException {
        return stalled.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the stall; call it when the client has given up, and in the test's cleanup. */
    public void release() {
        released.countDown();
    }

    public boolean awaitClientGone(Duration limit) throws InterruptedException {
        return clientGone.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
