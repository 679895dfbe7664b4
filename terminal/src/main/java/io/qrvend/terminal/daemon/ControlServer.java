package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Unix socket in {@code /run/qrvend/}: one JSON request per connection, one JSON answer
 * (see {@link ControlProtocol}). Mode 0660 and group {@code qrvend} where that group exists, so the
 * kiosk, a vending controller or a technician in that group can sell, cancel and ask for status.
 */
final class ControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST = 4096;

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Function<JsonNode, ObjectNode> handler;
    private volatile boolean open = true;

    private ControlServer(Path path, ServerSocketChannel server, Function<JsonNode, ObjectNode> handler) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "qrvend-control");
        this.acceptor.setDaemon(true);
    }

    static ControlServer start(Path path, Function<JsonNode, ObjectNode> handler) throws IOException {
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
        ControlServer control = new ControlServer(path, server, handler);
        control.acceptor.start();
        return control;
    }

    private void acceptLoop() {
        while (open) {
            try (SocketChannel client = server.accept()) {
                serve(client);
            } catch (IOException e) {
                if (open) {
                    log.warn("control socket: {}", e.getMessage());
                }
            } catch (RuntimeException e) {
                log.error("control socket: request failed", e);
            }
        }
    }

    private void serve(SocketChannel client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(client);
        ObjectNode answer;
        String line = ControlProtocol.readLine(in, MAX_REQUEST);
        if (line == null) {
            answer = ControlProtocol.error("empty request");
        } else {
            JsonNode request = ControlProtocol.parseRequest(line);
            answer = request == null ? ControlProtocol.error("request is not a JSON object") : handler.apply(request);
        }
        out.write((JSON.writeValueAsString(answer) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
            acceptor.join(2000);
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
