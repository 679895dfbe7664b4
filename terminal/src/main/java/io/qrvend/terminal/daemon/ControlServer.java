package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Unix socket in {@code /run/qrvend/}: one JSON request per connection, one JSON answer
 * (see {@link ControlProtocol}). Mode 0660 and group {@code qrvend} where that group exists, so the
 * kiosk, a vending controller or a technician in that group can sell, cancel and ask for status.
 *
 * <p>A few connections are served at once, each by a worker of a small fixed pool, so one slow or
 * silent client cannot hold {@code status}, {@code sell} and {@code cancel} back for everybody. A
 * connection must deliver its request line within {@link Limits#requestDeadline}, else it gets an
 * error answer and is dropped. Past {@link Limits#connections} at once, a new connection is answered
 * "busy" at once instead of waiting in line behind the others.
 */
final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_REQUEST = 4096;

    /** How long a client has to send its request, and how many connections are served at once. */
    record Limits(Duration requestDeadline, int connections) {
        /** A request is one short line written right after connecting: 5 s is plenty, even on a loaded Pi. */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), 4);

        Limits {
            if (requestDeadline.isNegative() || requestDeadline.isZero() || connections < 1) {
                throw new IllegalArgumentException("control socket limits: a positive deadline and at least one connection");
            }
        }
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Function<JsonNode, ObjectNode> handler;
    private final Limits limits;
    private final Thread acceptor;
    private final ExecutorService workers;
    /** One permit per connection being served; the acceptor takes it, the worker gives it back when done. */
    private final Semaphore slots;
    private volatile boolean open = true;

    private ControlServer(Path path, ServerSocketChannel server, Function<JsonNode, ObjectNode> handler, Limits limits) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.limits = limits;
        this.slots = new Semaphore(limits.connections());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(limits.connections(), r -> {
            Thread t = new Thread(r, "qrvend-control-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "qrvend-control");
        this.acceptor.setDaemon(true);
    }

    static ControlServer start(Path path, Function<JsonNode, ObjectNode> handler) throws IOException {
        return start(path, handler, Limits.DEFAULT);
    }

    static ControlServer start(Path path, Function<JsonNode, ObjectNode> handler, Limits limits) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path)) {
            if (ControlClient.answers(path)) {
                throw new IOException("control socket " + path + " is in use: is another qrvend running?");
            }
            Files.delete(path); // left over from a daemon that died without closing it
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        try {
            GroupPrincipal group = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("qrvend");
            Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
        } catch (UserPrincipalNotFoundException e) {
            log.debug("no group qrvend here; {} keeps the daemon's group", path);
        } catch (IOException e) {
            log.warn("could not give {} to group qrvend: {}", path, e.getMessage());
        }
        ControlServer control = new ControlServer(path, server, handler, limits);
        control.acceptor.start();
        return control;
    }

    private void acceptLoop() {
        while (open) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (open) {
                    log.warn("control socket: {}", e.getMessage());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refuseBusy(client);
                continue;
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) { // closing
                slots.release();
                closeQuietly(client);
            }
        }
    }

    /**
     * Answers "busy" without reading the request. The answer is far smaller than a fresh socket's
     * buffer, so one non-blocking write takes it whole and the acceptor never waits on this client.
     */
    private void refuseBusy(SocketChannel client) {
        log.warn("control socket: {} connections are being served already; a new one is answered busy", limits.connections());
        try (client) {
            client.configureBlocking(false);
            client.write(ByteBuffer.wrap((line(ControlProtocol.error("busy: " + limits.connections()
                    + " control connections are being served already; try again")) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            log.debug("control socket: answering busy: {}", e.getMessage());
        }
    }

    private void serve(SocketChannel client) {
        LineChannel channel = null;
        try {
            channel = LineChannel.of(client);
            LineChannel.Deadline deadline = LineChannel.Deadline.in(limits.requestDeadline());
            ObjectNode answer = answer(channel.readLine(MAX_REQUEST, deadline));
            // The client gets as long again to take the answer; one that never reads it is dropped.
            if (!channel.writeLine(line(answer), LineChannel.Deadline.in(limits.requestDeadline()))) {
                log.warn("control socket: a client did not take its answer within {} s; dropped", limits.requestDeadline().toSeconds());
            }
        } catch (IOException e) {
            // The client left before its answer (a probe, a killed CLI): nothing the daemon can do about it.
            log.debug("control socket: {}", e.getMessage());
        } finally {
            // The slot first: a client that has seen its connection end can connect again and be served.
            slots.release();
            if (channel != null) {
                closeQuietly(channel);
            }
        }
    }

    private ObjectNode answer(LineChannel.Read read) {
        return switch (read.outcome()) {
            case LINE -> {
                JsonNode request = ControlProtocol.parseRequest(read.line());
                yield request == null ? ControlProtocol.error("request is not a JSON object") : handle(request);
            }
            case ENDED -> ControlProtocol.error("empty request");
            case TOO_LONG -> ControlProtocol.error("request longer than " + MAX_REQUEST + " bytes");
            case TIMED_OUT -> {
                log.warn("control socket: a client sent no request within {} s; dropped", limits.requestDeadline().toSeconds());
                yield ControlProtocol.error("no request within " + limits.requestDeadline().toSeconds()
                        + " s; send one JSON line right after connecting");
            }
        };
    }

    private ObjectNode handle(JsonNode request) {
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            log.error("control socket: request failed", e);
            return ControlProtocol.error("request failed: " + e);
        }
    }

    private static String line(ObjectNode answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not serialise", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("control socket: closing: {}", e.getMessage());
        }
    }

    /** Stops accepting, drops the connections still being served, removes the socket file. */
    @Override
    public void close() {
        open = false;
        try {
            server.close();
            acceptor.join(2000);
            workers.shutdownNow(); // interrupts a worker waiting on its client, which then closes it
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("closing the control socket: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("could not remove {}: {}", path, e.getMessage());
            }
        }
    }
}
