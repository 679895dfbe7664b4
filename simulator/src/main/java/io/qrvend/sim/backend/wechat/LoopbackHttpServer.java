package io.qrvend.sim.backend.wechat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on loopback that writes response header names exactly as given.
 *
 * <p>Why not {@code com.sun.net.httpserver}: it rewrites header names ({@code Wechatpay-Timestamp}
 * goes out as {@code Wechatpay-timestamp}), and WeChat Pay's official SDK looks its headers up
 * case-sensitively, so it fails with "timestamp[null]" against such a server. Real WeChat Pay sends
 * them as written here.
 *
 * <p>What it does: keep-alive connections, request bodies by {@code Content-Length} only (chunked
 * requests get 411), bounded header and body sizes (431, 413), one thread per connection, idle
 * connections closed after {@link #IDLE_MS}. {@link #close()} closes the listening socket and every open
 * connection and waits for its threads.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopbackHttpServer.class);
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int IDLE_MS = 30_000;

    /** One request as it came: method, raw target (path and query), headers by lower-case name, body. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** The raw query string, or "" when there is none. */
        public String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, headers in order and with their case, body. */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        public Response {
            headers = List.copyOf(headers);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * The connection a request came on. A handler answers with {@link #send} (keep-alive goes on), or
     * writes raw bytes itself and lets the connection close, or answers nothing: then the connection
     * is closed without an answer when the handler returns.
     */
    public interface Exchange {
        void send(Response response) throws IOException;

        /** For answers that are not one {@link Response}: the connection is closed after the handler. */
        OutputStream raw();
    }

    @FunctionalInterface
    public interface Handler {
        void handle(Request request, Exchange exchange) throws IOException;
    }

    private final ServerSocket listener;
    private final Handler handler;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public LoopbackHttpServer(int port, String name, Handler handler) throws IOException {
        this.handler = handler;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void accept() {
        while (!closing) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closing) {
                    log.warn("loopback server: accept failed: {}", e.getMessage());
                }
                return;
            }
            open.add(s);
            try {
                threads.execute(() -> serve(s));
            } catch (RuntimeException rejected) {
                closeQuietly(s);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive && !closing) {
                Parsed parsed = read(in);
                if (parsed == null) {
                    return;
                }
                if (parsed.error != null) {
                    write(out, parsed.error, false);
                    return;
                }
                Request request = parsed.request;
                keepAlive = !"close".equalsIgnoreCase(request.header("connection"));
                ConnectionExchange ex = new ConnectionExchange(out, keepAlive);
                handler.handle(request, ex);
                if (!ex.answered || ex.rawUsed) {
                    return;
                }
            }
        } catch (SocketTimeoutException | SocketException e) {
            // idle keep-alive connection timed out, or closed by either side: nothing to report
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                log.warn("loopback server: connection failed", e);
            }
        } finally {
            open.remove(socket);
        }
    }

    private record Parsed(Request request, Response error) {
    }

    /** The next request on the connection; null at a clean end of the stream. */
    private static Parsed read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new SocketException("request cut off");
            }
            if (++total > MAX_HEADER_BYTES) {
                return new Parsed(null, plain(431, "request header too large"));
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // a stray CRLF between requests is allowed (RFC 9112 2.2)
                    }
                    break;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        String[] start = lines.get(0).split(" ");
        if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
            return new Parsed(null, plain(400, "bad request line"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : lines.subList(1, lines.size())) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                return new Parsed(null, plain(400, "bad header line"));
            }
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        if (headers.containsKey("transfer-encoding")) {
            return new Parsed(null, plain(411, "send the body with Content-Length"));
        }
        int length;
        try {
            length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        } catch (NumberFormatException e) {
            return new Parsed(null, plain(400, "bad Content-Length"));
        }
        if (length < 0 || length > MAX_BODY_BYTES) {
            return new Parsed(null, plain(413, "request body too large"));
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new SocketException("request body cut off");
        }
        return new Parsed(new Request(start[0], start[1], Collections.unmodifiableMap(headers), body), null);
    }

    static Response plain(int status, String text) {
        return new Response(status, List.of(Map.entry("Content-Type", "text/plain;charset=utf-8")),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, Response r, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        for (Map.Entry<String, String> h : r.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (r.status() != 204) { // a 204 has no body and must not say it has one (RFC 9110 8.6)
            head.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(r.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static final class ConnectionExchange implements Exchange {
        private final OutputStream out;
        private final boolean keepAlive;
        boolean answered;
        boolean rawUsed;

        ConnectionExchange(OutputStream out, boolean keepAlive) {
            this.out = out;
            this.keepAlive = keepAlive;
        }

        @Override
        public void send(Response response) throws IOException {
            if (answered) {
                throw new IllegalStateException("answered twice");
            }
            answered = true;
            write(out, response, keepAlive);
        }

        @Override
        public OutputStream raw() {
            answered = true;
            rawUsed = true;
            return out;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(LoopbackHttpServer::closeQuietly);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("loopback server: threads still running 5 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
