package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.cli.RunCommand;
import io.qrvend.terminal.config.DurationText;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.engine.Selection;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import io.qrvend.terminal.payment.alipay.AlipayResponse;
import io.qrvend.terminal.payment.alipay.AlipaySignature;
import io.qrvend.terminal.payment.alipay.StalledBody;
import io.qrvend.terminal.payment.alipay.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon (real journal, mock GPIO pins, real HTTP on loopback) stopped while a backend
 * call is stuck on a gateway that drips its answer: the stop ends, the call is abandoned (the
 * gateway sees the connection go) and no network thread is left behind.
 */
class DaemonStopTest {
    static final Pattern ORDER = Pattern.compile("\"out_trade_no\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    HttpServer server;
    ExecutorService threads = Executors.newCachedThreadPool();
    final StalledBody stalled = new StalledBody();

    @AfterEach
    void stopServer() throws InterruptedException {
        stalled.release();
        if (server != null) {
            server.stop(0);
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Precreate is answered, signed; every other call gets its headers and a byte, then nothing. */
    void startGateway(PrivateKey alipayKey) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/gateway.do", ex -> {
            try (ex) {
                String query = URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
                String form = URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8);
                Matcher order = ORDER.matcher(form);
                order.find();
                ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
                if (query.contains("method=alipay.trade.precreate")) {
                    String node = "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"" + order.group(1)
                            + "\",\"qr_code\":\"https://qr.alipay.com/bax01\"}";
                    byte[] body = ("{\"" + AlipayResponse.nodeName("alipay.trade.precreate") + "\":" + node + ",\"sign\":\""
                            + AlipaySignature.sign(node, alipayKey) + "\"}").getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                    return;
                }
                stalled.serve(ex);
            }
        });
        server.start();
    }

    @Test
    void aStopEndsAndAbandonsABackendCallStuckOnAnEndlessAnswer() throws Exception {
        Path appKey = TestKeys.copy("test_app_private.pem", dir, "rw-------");
        Path alipayPublic = TestKeys.copy("test_app_public.pem", dir, "rw-r--r--"); // this test's "Alipay" signs with the app key
        startGateway(AlipayKeys.readPrivateKey(appKey));
        Path conf = dir.resolve("qrvend.conf");
        Files.writeString(conf, String.join("\n",
                "terminal.id=STOP1",
                "journal.path=" + dir.resolve("journal.db"),
                "control.socket=" + dir.resolve("control.sock"),
                "alipay.gateway=http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do",
                "alipay.app_id=2021000000000001",
                "alipay.app_private_key=" + appKey,
                "alipay.public_key=" + alipayPublic,
                "alipay.connect_timeout=2s",
                "alipay.read_timeout=60s", // so the drip outlasts the stop: the stop must abandon the call
                "gpio.provider=mock",
                "relay.type=gpio",
                "relay.gpio.pins=17,27,22,23",
                "relay.gpio.active_low=yes",
                "input.drop.pins=A1=5",
                "display.type=ansi", ""));
        TerminalConfig config = TerminalConfig.load(conf);
        try (Journal j = Journal.open(config.journalPath(), Durability.FULL)) {
            j.catalog().put(new Slot("A1", "Cola", 350, 1, true, 5, true, null));
        }
        PrintStream screen = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Daemon daemon = Daemon.start(config, DaemonSettings.from(config), Machine::hardware, screen);
        assertInstanceOf(Selection.Accepted.class, daemon.engine().select("A1").get(30, TimeUnit.SECONDS));
        assertTrue(stalled.awaitStalled(Duration.ofSeconds(60)), "the first query reached the stalling gateway");

        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> daemon.stop(Duration.ofSeconds(1)), "the stop ended");
        stalled.release();
        assertTrue(stalled.awaitClientGone(Duration.ofSeconds(30)), "the stuck call was abandoned and its connection closed");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("qrvend-network") && t.isAlive()),
                "no network thread left behind");
    }

    @Test
    void aStopFitsInsideTheUnitsStopTimeout() throws IOException {
        String unit = Files.readString(Path.of("src/deb/systemd/qrvend.service"));
        Matcher timeout = Pattern.compile("(?m)^TimeoutStopSec=(\\S+)$").matcher(unit);
        assertTrue(timeout.find(), "the unit sets TimeoutStopSec");
        Duration limit = DurationText.parse(timeout.group(1));
        Duration longest = RunCommand.STOP_GRACE.plus(Daemon.RELEASE_WAIT);
        assertTrue(longest.compareTo(limit) < 0, "a stop takes up to " + longest + ", the unit allows " + limit);
    }
}
