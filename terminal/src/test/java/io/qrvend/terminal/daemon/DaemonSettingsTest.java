package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.config.ConfigException;
import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.payment.alipay.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code qrvend run} and {@code qrvend config check} refuse before opening anything. */
class DaemonSettingsTest {
    @TempDir
    Path dir;

    Map<String, String> good() {
        Map<String, String> m = new HashMap<>();
        m.put("terminal.id", "VM1");
        m.put("alipay.gateway", "https://openapi.alipay.com/gateway.do");
        m.put("alipay.app_id", "2021000000000001");
        m.put("alipay.app_private_key", TestKeys.copy("test_app_private.pem", dir, "rw-------").toString());
        // Any RSA public key will do to load; the app's own stands in for Alipay's here.
        m.put("alipay.public_key", TestKeys.copy("test_app_public.pem", dir, "rw-r--r--").toString());
        m.put("relay.type", "lcus");
        m.put("relay.port", "/dev/ttyUSB0");
        m.put("sale.payment_window", "60s");
        return m;
    }

    List<String> problems(Map<String, String> m) {
        TerminalConfig cfg = TerminalConfig.read(ConfigFile.of("qrvend.conf", m));
        return assertThrows(ConfigException.class, () -> DaemonSettings.from(cfg)).problems();
    }

    @Test
    void aGoodConfigurationGivesTheGatewayAndPolicy() {
        DaemonSettings s = DaemonSettings.from(TerminalConfig.read(ConfigFile.of("qrvend.conf", good())));
        assertEquals("VM1", s.terminalId());
        assertEquals(Duration.ofSeconds(60), s.policy().paymentWindow());
        assertTrue(!s.alipay().testBackend());
    }

    @Test
    void everyMissingPieceIsNamed() {
        assertEquals(List.of("terminal.id: is required (1-8 letters or digits; it starts every order number)",
                "alipay.gateway: is required (https://openapi.alipay.com/gateway.do)", "alipay.app_id: is required",
                "alipay.app_private_key: is required (a key file)", "alipay.public_key: is required (a key file)"),
                problems(Map.of("relay.type", "lcus", "relay.port", "/dev/ttyUSB0")));
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        Map<String, String> m = good();
        m.put("alipay.gateway", "http://openapi.alipay.com/gateway.do");
        assertEquals(List.of("alipay.gateway http://openapi.alipay.com/gateway.do: plain http is only accepted on a loopback address "
                + "(the simulator); use https"), problems(m));
        m.put("alipay.gateway", "http://127.0.0.1:8090/gateway.do");
        assertTrue(DaemonSettings.from(TerminalConfig.read(ConfigFile.of("qrvend.conf", m))).alipay().testBackend());
    }

    @Test
    void aSharedPrivateKeyOrAMissingKeyFileIsRefusedByName() {
        Map<String, String> m = good();
        Path shared = dir.resolve("shared");
        shared.toFile().mkdir();
        Path key = TestKeys.copy("test_app_private.pem", shared, "rw-r-----");
        m.put("alipay.app_private_key", key.toString());
        m.put("alipay.public_key", dir.resolve("nope.pem").toString());
        List<String> problems = problems(m);
        assertEquals("alipay.app_private_key: " + key + " is readable or writable by group or others; run: chmod 600 " + key, problems.get(0));
        assertTrue(problems.get(1).startsWith("alipay.public_key: " + dir.resolve("nope.pem")), problems.get(1));
    }

    @Test
    void aBadSalePolicyIsNamed() {
        Map<String, String> m = good();
        m.put("sale.drop_window", "0s");
        assertEquals(List.of("sale.drop_window must be a positive duration, not PT0S"), problems(m));
    }
}
