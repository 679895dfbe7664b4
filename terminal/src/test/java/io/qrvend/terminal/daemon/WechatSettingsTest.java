package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.config.ConfigException;
import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.payment.alipay.TestKeys;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatTestKeys;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wechat.* section: required exactly when payment.wallets lists wechat, every problem named with its key and the file. */
class WechatSettingsTest {
    @TempDir
    Path dir;

    Map<String, String> alipay;
    Map<String, String> wechat;

    @BeforeEach
    void keys() {
        alipay = alipaySection();
        wechat = wechatSection();
    }

    Map<String, String> alipay() {
        return new HashMap<>(alipay);
    }

    Map<String, String> wechat() {
        return new HashMap<>(wechat);
    }

    Map<String, String> alipaySection() {
        Map<String, String> m = new HashMap<>();
        m.put("terminal.id", "VM1");
        m.put("alipay.gateway", "https://openapi.alipay.com/gateway.do");
        m.put("alipay.app_id", "2021000000000001");
        m.put("alipay.app_private_key", TestKeys.copy("test_app_private.pem", dir, "rw-------").toString());
        m.put("alipay.public_key", TestKeys.copy("test_app_public.pem", dir, "rw-r--r--").toString());
        m.put("relay.type", "lcus");
        m.put("relay.port", "/dev/ttyUSB0");
        return m;
    }

    Map<String, String> both() {
        Map<String, String> m = alipay();
        m.put("payment.wallets", "alipay,wechat");
        m.putAll(wechat());
        return m;
    }

    Map<String, String> wechatSection() {
        Map<String, String> m = new HashMap<>();
        m.put("wechat.gateway", "https://api.mch.weixin.qq.com");
        m.put("wechat.mchid", WechatTestKeys.MCHID);
        m.put("wechat.appid", WechatTestKeys.APPID);
        m.put("wechat.merchant_private_key", WechatTestKeys.copy("test_merchant_private.pem", dir, "rw-------").toString());
        m.put("wechat.merchant_serial", WechatTestKeys.MERCHANT_SERIAL);
        m.put("wechat.public_key", WechatTestKeys.copy("test_wechatpay_public.pem", dir, "rw-r--r--").toString());
        m.put("wechat.public_key_id", WechatTestKeys.PUBLIC_KEY_ID);
        m.put("wechat.notify_url", WechatTestKeys.NOTIFY.toString());
        return m;
    }

    DaemonSettings settings(Map<String, String> m) {
        return DaemonSettings.from(TerminalConfig.read(ConfigFile.of("qrvend.conf", m)));
    }

    List<String> problems(Map<String, String> m) {
        ConfigException e = assertThrows(ConfigException.class, () -> settings(m));
        assertTrue(e.getMessage().startsWith("qrvend.conf: "), "the file is named: " + e.getMessage());
        return e.problems();
    }

    @Test
    void bothWalletsGiveBothGateways() {
        DaemonSettings s = settings(both());
        assertEquals(List.of(Wallet.ALIPAY, Wallet.WECHAT), s.wallets());
        WechatConfig w = s.wechat();
        assertEquals(URI.create("https://api.mch.weixin.qq.com"), w.gateway());
        assertEquals(WechatTestKeys.PUBLIC_KEY_ID, w.publicKeyId());
        assertEquals(Duration.ofSeconds(13), w.callDeadline());
        assertTrue(!w.testBackend());
        assertTrue(!w.toString().contains("PRIVATE"), "no key in the toString");
    }

    @Test
    void withoutPaymentWalletsNothingChanges() {
        DaemonSettings s = settings(alipay());
        assertEquals(List.of(Wallet.ALIPAY), s.wallets());
        assertNull(s.wechat());
    }

    @Test
    void eachSectionIsRequiredExactlyWhenListed() {
        Map<String, String> wechatOnly = new HashMap<>(wechat());
        wechatOnly.putAll(Map.of("terminal.id", "VM1", "relay.type", "lcus", "relay.port", "/dev/ttyUSB0", "payment.wallets", "wechat"));
        DaemonSettings s = settings(wechatOnly);
        assertNull(s.alipay(), "no alipay section needed");
        assertEquals(List.of(Wallet.WECHAT), s.wallets());

        Map<String, String> m = alipay();
        m.put("payment.wallets", "alipay,wechat");
        assertEquals(List.of("wechat.gateway: is required (https://api.mch.weixin.qq.com)",
                "wechat.mchid: is required (the merchant number, 10 digits)",
                "wechat.appid: is required (the app ID bound to the merchant, wx...)",
                "wechat.merchant_private_key: is required (a key file)",
                "wechat.merchant_serial: is required (the merchant API certificate's serial number)",
                "wechat.public_key: is required (a key file)",
                "wechat.public_key_id: is required (the WeChat Pay public key's ID, PUB_KEY_ID_...)",
                "wechat.notify_url: is required (an https URL WeChat Pay may notify; the terminal polls)"), problems(m));
    }

    @Test
    void plainHttpOnlyOnLoopbackWithTheSameWordsAsAlipay() {
        Map<String, String> m = both();
        m.put("wechat.gateway", "http://api.mch.weixin.qq.com");
        assertEquals(List.of("wechat.gateway http://api.mch.weixin.qq.com: plain http is only accepted on a loopback address "
                + "(the simulator); use https"), problems(m));
        m.put("wechat.gateway", "http://127.0.0.1:8091");
        assertTrue(settings(m).wechat().testBackend());
    }

    @Test
    void badValuesAreNamed() {
        Map<String, String> m = both();
        m.put("wechat.mchid", "abc");
        assertEquals(List.of("wechat.mchid 'abc' must be the merchant number (1-32 digits)"), problems(m));
        m = both();
        m.put("wechat.public_key_id", "0112300001");
        assertEquals(List.of("wechat.public_key_id '0112300001' must be the key's ID as the merchant platform shows it, PUB_KEY_ID_..."),
                problems(m));
        m = both();
        m.put("wechat.notify_url", "http://pay.example.com/notify?x=1");
        assertTrue(problems(m).get(0).startsWith("wechat.notify_url 'http://pay.example.com/notify?x=1' must be an https URL without a"
                + " query string"));
        m = both();
        m.put("wechat.merchant_serial", "not hex!");
        assertTrue(problems(m).get(0).startsWith("wechat.merchant_serial 'not hex!' must be"));
        m = both();
        m.put("wechat.gateway", "api.mch.weixin.qq.com");
        assertEquals(List.of("wechat.gateway: 'api.mch.weixin.qq.com' is not an absolute URL"), problems(m));
    }

    @Test
    void keyFilesAreCheckedAsAlipaysAreWithWechatAdvice() {
        Map<String, String> m = both();
        Path shared = dir.resolve("shared");
        shared.toFile().mkdir();
        Path key = WechatTestKeys.copy("test_merchant_private.pem", shared, "rw-r--r--");
        m.put("wechat.merchant_private_key", key.toString());
        m.put("wechat.public_key", dir.resolve("nope.pem").toString());
        List<String> problems = problems(m);
        assertEquals("wechat.merchant_private_key: " + key + " is readable or writable by group or others; run: chmod 600 " + key,
                problems.get(0));
        assertEquals("wechat.public_key: " + dir.resolve("nope.pem") + ": no such file", problems.get(1));
    }

    @Test
    void platformCertificatesMayStandInForThePublicKey() {
        Map<String, String> m = both();
        m.remove("wechat.public_key");
        m.remove("wechat.public_key_id");
        m.put("wechat.platform_certificates", WechatTestKeys.copy("test_platform_cert.pem", dir, "rw-r--r--").toString());
        WechatConfig w = settings(m).wechat();
        assertNull(w.wechatPublicKey());
        assertEquals(List.of(WechatTestKeys.PLATFORM_SERIAL), List.copyOf(w.platformCertificates().keySet()));
        m.put("wechat.platform_certificates", dir.resolve("test_platform_cert.pem") + "," + dir.resolve("test_platform_cert.pem"));
        assertEquals(List.of("wechat.platform_certificates: " + dir.resolve("test_platform_cert.pem")
                + " is a certificate already listed (serial " + WechatTestKeys.PLATFORM_SERIAL + ")"), problems(m));
        m.put("wechat.platform_certificates", WechatTestKeys.copy("test_merchant_public.pem", dir, "rw-r--r--").toString());
        assertTrue(problems(m).get(0).contains("expected a PEM block '-----BEGIN CERTIFICATE-----'"), problems(m).toString());
    }
}
