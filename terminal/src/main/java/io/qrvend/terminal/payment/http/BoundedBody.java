package io.qrvend.terminal.payment.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an answer's body up to a limit and can be abandoned from outside: {@link #abandon}
 * cancels the subscription, which makes the HTTP client stop reading and drop the connection. An
 * answer over the limit is refused as soon as it is over, without reading the rest.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body went past the limit; what was read is dropped. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("answer larger than " + limit + " bytes");
        }
    }

    private final int limit;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private boolean abandoned;

    public BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (this) {
            if (subscription == null && !abandoned) {
                subscription = s;
                s.request(Long.MAX_VALUE);
                return;
            }
        }
        s.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (this) {
            if (abandoned || body.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > limit) {
                    abandoned = true;
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            body.complete(bytes.toByteArray());
        }
    }

    /** Stops reading: the subscription is cancelled (now, or as soon as it comes) and the body never completes. */
    public void abandon() {
        Flow.Subscription s;
        synchronized (this) {
            abandoned = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
        body.cancel(false);
    }
}
