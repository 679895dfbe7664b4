package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Talks to a running daemon over its control socket. */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 64 * 1024;

    private ControlClient() {
    }

    /** Sends one request and returns the answer; a daemon that is not running is an IOException saying so. */
    public static JsonNode call(Path socket, ObjectNode request) throws IOException {
        if (!Files.exists(socket)) {
            throw new IOException("qrvend is not running (no control socket at " + socket + ")");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new IOException("qrvend is not answering on " + socket + ": " + e.getMessage(), e);
            }
            channel.write(java.nio.ByteBuffer.wrap((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String line = ControlProtocol.readLine(in, MAX_ANSWER);
            if (line == null) {
                throw new IOException("qrvend closed the control socket without answering");
            }
            return JSON.readTree(line);
        }
    }

    /** True when something accepts connections on {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
