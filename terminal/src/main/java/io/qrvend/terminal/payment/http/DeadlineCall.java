package io.qrvend.terminal.payment.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request to a payment backend and reads the whole answer within a deadline, body
 * included, and at most {@code maxBody} bytes of it. A backend that sends its headers and then
 * drips the body is abandoned at the deadline (the connection is dropped, not reused), so the
 * single network thread is never held longer than that. What went wrong is said in words a
 * technician can act on ({@link TransportFailure}); nothing here is believed yet: the caller
 * verifies the answer.
 */
public final class DeadlineCall {
    private final URI backend;
    private final Duration readTimeout;
    private final Duration deadline;
    private final int maxBody;
    private final HttpClient http;

    /** The deadline of a call is {@code connectTimeout + readTimeout}. */
    public DeadlineCall(URI backend, Duration connectTimeout, Duration readTimeout, int maxBody) {
        this.backend = backend;
        this.readTimeout = readTimeout;
        this.deadline = connectTimeout.plus(readTimeout);
        this.maxBody = maxBody;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A whole answer (any status), or why there is none. */
    public record Outcome(HttpResponse<byte[]> response, String failure) {
    }

    public Outcome send(HttpRequest request) {
        BoundedBody reading = new BoundedBody(maxBody);
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> reading);
        long millis = deadline.toMillis();
        try {
            return new Outcome(exchange.get(millis, TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            abandon(exchange, reading);
            return new Outcome(null, "no whole answer within " + millis + " ms (call abandoned)");
        } catch (InterruptedException e) {
            abandon(exchange, reading);
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BoundedBody.TooLarge) {
                return new Outcome(null, cause.getMessage());
            }
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                return new Outcome(null, "no answer within " + readTimeout.toMillis() + " ms");
            }
            return new Outcome(null, TransportFailure.describe(cause, backend));
        }
    }

    /** The exchange is dropped: no more reading, and the connection is closed rather than reused. */
    private static void abandon(CompletableFuture<?> exchange, BoundedBody reading) {
        reading.abandon();
        exchange.cancel(true);
    }
}
