package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Talks to a running daemon over its control socket. */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 64 * 1024;
    /**
     * How long the CLI waits for an answer. Longer than the daemon's own worst case (the engine's
     * 10 s to answer a request), so a daemon that is slow but alive still answers with its own error.
     */
    public static final Duration ANSWER_WAIT = Duration.ofSeconds(20);
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);

    private ControlClient() {
    }

    /** Sends one request and returns the answer; a daemon that is not running or not answering is an IOException saying so. */
    public static JsonNode call(Path socket, ObjectNode request) throws IOException {
        return call(socket, request, ANSWER_WAIT);
    }

    /** As {@link #call(Path, ObjectNode)}, giving up after {@code wait}. */
    public static JsonNode call(Path socket, ObjectNode request, Duration wait) throws IOException {
        if (!Files.exists(socket)) {
            throw new IOException("qrvend is not running (no control socket at " + socket + ")");
        }
        LineChannel.Deadline deadline = LineChannel.Deadline.in(wait);
        try (LineChannel channel = LineChannel.open()) {
            boolean connected;
            try {
                connected = channel.connect(socket, deadline);
            } catch (IOException e) {
                throw new IOException("qrvend is not answering on " + socket + ": " + e.getMessage(), e);
            }
            if (!connected) {
                throw notAnswered(wait);
            }
            boolean sent = false;
            IOException writeFailed = null;
            try {
                sent = channel.writeLine(JSON.writeValueAsString(request), deadline);
            } catch (IOException e) {
                // The daemon may have answered already and closed (busy): its answer is still there to read.
                writeFailed = e;
            }
            if (!sent && writeFailed == null) {
                throw notAnswered(wait);
            }
            LineChannel.Read answer = channel.readLine(MAX_ANSWER, deadline);
            return switch (answer.outcome()) {
                case LINE -> JSON.readTree(answer.line());
                case ENDED -> throw writeFailed != null
                        ? new IOException("qrvend did not take the request: " + writeFailed.getMessage(), writeFailed)
                        : new IOException("qrvend closed the control socket without answering");
                case TOO_LONG -> throw new IOException("qrvend's answer is longer than " + MAX_ANSWER + " bytes");
                case TIMED_OUT -> throw notAnswered(wait);
            };
        }
    }

    private static IOException notAnswered(Duration wait) {
        return new IOException("the daemon did not answer within " + wait.toSeconds()
                + " s; is qrvend run stuck? see journalctl -u qrvend");
    }

    /** True when something accepts connections on {@code socket}. */
    static boolean answers(Path socket) {
        try (LineChannel channel = LineChannel.open()) {
            return channel.connect(socket, LineChannel.Deadline.in(PROBE_WAIT));
        } catch (IOException e) {
            return false;
        }
    }
}
