package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket against clients that misbehave, on a real Unix socket: silent, dripping,
 * over-long, too many at once; and the CLI's side against a daemon that never answers. No test
 * measures time: each waits on the socket itself, with a generous guard against hanging.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlServerTest {
    /** Long enough that a silent client is certainly still connected while the test goes on. */
    private static final Duration NEVER = Duration.ofSeconds(120);
    private static final Duration CLIENT_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private Path socket() {
        return dir.resolve("control.sock");
    }

    /** A server that answers every request with its command, as the daemon's handler would with status. */
    private void serve(ControlServer.Limits limits) throws IOException {
        opened.add(ControlServer.start(socket(), request -> ControlProtocol.ok().put("command", request.path("command").asText()), limits));
    }

    private SocketChannel connect() throws IOException {
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
        opened.add(client);
        client.connect(UnixDomainSocketAddress.of(socket()));
        return client;
    }

    private static void send(SocketChannel client, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }

    private static BufferedReader reader(SocketChannel client) {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
    }

    private JsonNode status() throws IOException {
        return ControlClient.call(socket(), ControlProtocol.request("status"), CLIENT_WAIT);
    }

    @Test
    void aSilentClientDoesNotHoldBackAnotherClientsStatus() throws Exception {
        serve(new ControlServer.Limits(NEVER, 4));
        connect(); // connects and sends nothing, for longer than this test runs

        JsonNode answer = status();

        assertTrue(answer.path("ok").asBoolean(), answer.toString());
        assertEquals("status", answer.path("command").asText());
    }

    @Test
    void aSilentClientIsDroppedWithAnErrorAnswer() throws Exception {
        serve(new ControlServer.Limits(Duration.ofSeconds(1), 4));
        BufferedReader in = reader(connect());

        JsonNode answer = ControlProtocol.parseRequest(in.readLine());

        assertFalse(answer.path("ok").asBoolean(), answer.toString());
        assertEquals("no request within 1 s; send one JSON line right after connecting", answer.path("error").asText());
        assertNull(in.readLine(), "then the connection is closed");
        assertTrue(status().path("ok").asBoolean(), "the server goes on serving");
    }

    @Test
    void aClientThatDripsItsRequestIsDroppedAtTheSameDeadline() throws Exception {
        serve(new ControlServer.Limits(Duration.ofSeconds(1), 4));
        SocketChannel client = connect();
        send(client, "{\"command\":"); // and never the rest

        JsonNode answer = ControlProtocol.parseRequest(reader(client).readLine());

        assertTrue(answer.path("error").asText().startsWith("no request within 1 s"), answer.toString());
    }

    @Test
    void anOverLongRequestGetsAnErrorAnswer() throws Exception {
        serve(new ControlServer.Limits(NEVER, 4));
        SocketChannel client = connect();
        send(client, "{\"command\":\"status\",\"pad\":\"" + "x".repeat(ControlServer.MAX_REQUEST) + "\"}\n");

        JsonNode answer = ControlProtocol.parseRequest(reader(client).readLine());

        assertFalse(answer.path("ok").asBoolean(), answer.toString());
        assertEquals("request longer than 4096 bytes", answer.path("error").asText());
    }

    @Test
    void aRequestOfExactlyTheLimitIsServed() throws Exception {
        serve(new ControlServer.Limits(NEVER, 4));
        String prefix = "{\"command\":\"status\",\"pad\":\"";
        String request = prefix + "x".repeat(ControlServer.MAX_REQUEST - prefix.length() - 2) + "\"}";
        assertEquals(ControlServer.MAX_REQUEST, request.length());
        SocketChannel client = connect();
        send(client, request + "\n");

        JsonNode answer = ControlProtocol.parseRequest(reader(client).readLine());

        assertTrue(answer.path("ok").asBoolean(), answer.toString());
    }

    @Test
    void connectionsOverTheBoundAreAnsweredBusyAndServedAgainOnceOneEnds() throws Exception {
        serve(new ControlServer.Limits(NEVER, 2));
        SocketChannel first = connect();
        connect();

        JsonNode busy = status();

        assertFalse(busy.path("ok").asBoolean(), busy.toString());
        assertEquals("busy: 2 control connections are being served already; try again", busy.path("error").asText());

        send(first, "{\"command\":\"cancel\"}\n");
        BufferedReader in = reader(first);
        assertEquals("cancel", ControlProtocol.parseRequest(in.readLine()).path("command").asText());
        assertNull(in.readLine(), "the first connection has ended");
        assertTrue(status().path("ok").asBoolean(), "its place is free again");
    }

    @Test
    void theCliSaysSoWhenTheDaemonNeverAnswers() throws Exception {
        ServerSocketChannel stuck = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        opened.add(stuck);
        stuck.bind(UnixDomainSocketAddress.of(socket()));
        Thread acceptor = new Thread(() -> {
            try {
                opened.add(stuck.accept()); // accepts and stays silent
            } catch (IOException closedAtTheEnd) {
                // the test is over
            }
        });
        acceptor.start();

        IOException e = assertThrows(IOException.class,
                () -> ControlClient.call(socket(), ControlProtocol.request("status"), Duration.ofSeconds(1)));

        assertEquals("the daemon did not answer within 1 s; is qrvend run stuck? see journalctl -u qrvend", e.getMessage());
        acceptor.join();
    }

    @Test
    void theCliSaysSoWhenNoDaemonIsRunning() {
        IOException e = assertThrows(IOException.class, this::status);

        assertTrue(e.getMessage().startsWith("qrvend is not running (no control socket at "), e.getMessage());
    }
}
