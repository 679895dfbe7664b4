package io.qrvend.sim.backend;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The customer's side of the simulated backend, over HTTP: scan a QR, pay, read the ledger. */
public final class SimClient {
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code base} is the backend's root, e.g. {@code http://127.0.0.1:8090}. */
    public SimClient(URI base) {
        this.base = base;
    }

    /** The customer scans the QR of {@code orderNo}; the answer's JSON. */
    public Answer scan(String orderNo) throws IOException, InterruptedException {
        return post("/sim/scan?order=" + URLEncoder.encode(orderNo, StandardCharsets.UTF_8));
    }

    /** The customer confirms the payment in the wallet; the answer's JSON. */
    public Answer pay(String orderNo) throws IOException, InterruptedException {
        return post("/sim/pay?order=" + URLEncoder.encode(orderNo, StandardCharsets.UTF_8));
    }

    /** Every trade and refund the backend holds, as JSON. */
    public String trades() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/sim/trades")).GET()
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /sim/trades answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** {@code ok} is false when the backend refused (wrong state, expired, no such order). */
    public record Answer(boolean ok, String json) {
    }

    private Answer post(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 409) {
            throw new IOException("POST " + path + " answered HTTP " + r.statusCode());
        }
        return new Answer(r.statusCode() == 200, r.body());
    }
}
