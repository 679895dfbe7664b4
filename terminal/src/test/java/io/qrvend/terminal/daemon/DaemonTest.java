package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.payment.alipay.TestKeys;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon wired together in this JVM: a real journal file, relays on Pi4J mock pins, the control
 * socket in a temp dir, a loopback gateway no request reaches (nobody buys anything here).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DaemonTest {
    @TempDir
    Path dir;
    private TerminalConfig config;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        config = TerminalConfig.read(ConfigFile.of("qrvend.conf", Map.ofEntries(
                Map.entry("terminal.id", "VM7"),
                Map.entry("journal.path", dir.resolve("journal.db").toString()),
                Map.entry("control.socket", dir.resolve("control.sock").toString()),
                Map.entry("alipay.gateway", "http://127.0.0.1:9/gateway.do"),
                Map.entry("alipay.app_id", "2021000000000001"),
                Map.entry("alipay.app_private_key", TestKeys.copy("test_app_private.pem", dir, "rw-------").toString()),
                Map.entry("alipay.public_key", TestKeys.copy("test_app_public.pem", dir, "rw-r--r--").toString()),
                Map.entry("gpio.provider", "mock"),
                Map.entry("relay.type", "gpio"),
                Map.entry("relay.gpio.pins", "17,27"),
                Map.entry("relay.gpio.active_low", "no"))));
        daemon = Daemon.start(config, DaemonSettings.from(config), Machine::hardware, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void stop() {
        daemon.stop(Duration.ofSeconds(10));
        assertFalse(Files.exists(config.controlSocket()), "the control socket is removed at the stop");
    }

    @Test
    void statusIsAnsweredWhileAnotherClientSitsSilentOnTheSocket() throws Exception {
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(config.controlSocket()));

            JsonNode status = ControlClient.call(config.controlSocket(), ControlProtocol.request("status"));

            assertTrue(status.path("ok").asBoolean(), status.toString());
            assertTrue(List.of("recovering", "ready").contains(status.path("state").asText()), status.toString());
            assertEquals("VM7", status.path("terminal").asText());
            assertEquals("http://127.0.0.1:9/gateway.do", status.path("gateway").asText());
            assertTrue(status.path("test_backend").asBoolean());
            assertEquals(0, status.path("active_sales").asInt());
            assertTrue(status.path("sale").isMissingNode(), status.toString());
        }
    }

    @Test
    void requestsTheDaemonDoesNotKnowAreRefusedByName() throws Exception {
        JsonNode answer = ControlClient.call(config.controlSocket(), ControlProtocol.request("reboot"));

        assertFalse(answer.path("ok").asBoolean());
        assertEquals("unknown command 'reboot'", answer.path("error").asText());
        assertEquals("sell needs a slot", ControlClient.call(config.controlSocket(), ControlProtocol.request("sell")).path("error").asText());
    }
}
