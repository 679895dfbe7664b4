package io.qrvend.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qrvend.terminal.payment.Wallet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code payment.wallets}: which wallets a customer may pay with, in the order configured. */
class WalletsConfigTest {

    private static Map<String, String> machine(String wallets) {
        Map<String, String> m = new HashMap<>(Map.of("relay.type", "lcus", "relay.port", "/dev/ttyUSB0"));
        if (wallets != null) {
            m.put("payment.wallets", wallets);
        }
        return m;
    }

    private static List<Wallet> wallets(String value) {
        return TerminalConfig.read(ConfigFile.of("qrvend.conf", machine(value))).wallets();
    }

    private static List<String> problems(String value) {
        return assertThrows(ConfigException.class, () -> TerminalConfig.read(ConfigFile.of("qrvend.conf", machine(value)))).problems();
    }

    @Test
    void aFileThatDoesNotSayMeansAlipayAsBefore() {
        assertEquals(List.of(Wallet.ALIPAY), wallets(null));
        TerminalConfig c = TerminalConfig.read(ConfigFile.of("qrvend.conf", machine(null)));
        assertEquals(TerminalConfig.Wechat.NONE, c.wechat());
    }

    @Test
    void walletsComeInTheOrderConfigured() {
        assertEquals(List.of(Wallet.ALIPAY), wallets("alipay"));
        assertEquals(List.of(Wallet.WECHAT), wallets("wechat"));
        assertEquals(List.of(Wallet.ALIPAY, Wallet.WECHAT), wallets("alipay,wechat"));
        assertEquals(List.of(Wallet.WECHAT, Wallet.ALIPAY), wallets(" WeChat , alipay "));
    }

    @Test
    void emptyUnknownAndRepeatedNamesAreRefusedByName() {
        assertEquals(List.of("payment.wallets: is empty; name the wallets customers may pay with: alipay, wechat or alipay,wechat"),
                problems(""));
        assertEquals(List.of("payment.wallets: 'paypal' is not a wallet qrvend knows (alipay, wechat)"), problems("alipay,paypal"));
        assertEquals(List.of("payment.wallets: 'alipay,alipay' names alipay twice"), problems("alipay,alipay"));
        assertEquals(List.of("payment.wallets: 'alipay,' has an empty name; write alipay, wechat or alipay,wechat"), problems("alipay,"));
    }

    @Test
    void theOldConstructorIsAlipayAlone() {
        TerminalConfig read = TerminalConfig.read(ConfigFile.of("qrvend.conf", machine("alipay,wechat")));
        TerminalConfig old = new TerminalConfig(read.file(), read.terminalId(), read.journalPath(), read.controlSocket(), read.alipay(),
                read.sale(), read.hardware());
        assertEquals(List.of(Wallet.ALIPAY), old.wallets());
        assertEquals(TerminalConfig.Wechat.NONE, old.wechat());
    }
}
