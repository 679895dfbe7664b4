package io.qrvend.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.SimCommand;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.KeyFiles;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.backend.wechat.WechatMerchant;
import io.qrvend.sim.backend.wechat.WechatPayServer;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** qrvend-sim's WeChat Pay parts on the command line: the key files, the backend's options, the customer's wallet. */
class WechatCliTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SimCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void keysWritesTheWechatFilesBesideAlipaysAndTheyReadBack() throws Exception {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("keys", "--out", keys.toString()), err.toString());
        for (String f : KeyFiles.WECHAT_FILES) {
            assertTrue(Files.isRegularFile(keys.resolve(f)), f);
        }
        for (String f : new String[] {KeyFiles.WECHAT_MERCHANT_PRIVATE, KeyFiles.WECHATPAY_PRIVATE}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(f))), f);
        }
        assertTrue(KeyFiles.wechatMerchantSerial(keys).matches("[0-9A-F]{40}"));
        assertTrue(KeyFiles.wechatPublicKeyId(keys).matches("PUB_KEY_ID_[0-9]+"));
        assertTrue(KeyFiles.hasWechat(keys));
        AlipayKeys.readPrivateKey(keys.resolve(KeyFiles.WECHAT_MERCHANT_PRIVATE));
        AlipayKeys.readPublicKey(keys.resolve(KeyFiles.WECHATPAY_PUBLIC));
        assertEquals(1, run("keys", "--out", keys.toString()), "never overwrites keys");
    }

    @Test
    void aBadSerialFileIsNamedWithWhatItShouldHold() throws Exception {
        Files.writeString(dir.resolve(KeyFiles.WECHAT_MERCHANT_SERIAL), "not-a-serial\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFiles.wechatMerchantSerial(dir));
        assertTrue(e.getMessage().contains(KeyFiles.WECHAT_MERCHANT_SERIAL) && e.getMessage().contains("40 hexadecimal"), e.getMessage());
    }

    @Test
    void theWechatBackendNeedsItsKeyFiles() throws Exception {
        KeyFiles.write(dir);
        assertEquals(2, run("backend", "--app-id", "2021000000000001", "--keys", dir.toString(), "--port", "0", "--wechat-port", "0"));
        assertTrue(err.toString().contains("--wechat-port needs " + dir.resolve(KeyFiles.WECHAT_MERCHANT_PRIVATE)), err.toString());
        assertEquals(2, run("backend", "--app-id", "1", "--keys", dir.toString(), "--fault", "wechat.pay:reset"));
        assertTrue(err.toString().contains("unknown method 'wechat.pay'"), err.toString());
    }

    @Test
    void theCustomerPaysInTheWalletChosen() throws Exception {
        FakeWechatPay model = new FakeWechatPay(Instant::now);
        try (WechatPayServer server = new WechatPayServer(model, new WechatMerchant("1900000109", "wxd678efh567hg6787",
                "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", BackendServer.newKeyPair().getPublic()),
                BackendServer.newKeyPair().getPrivate(), "PUB_KEY_ID_0100000000000000000000000001", new FaultPlan(1), 0)) {
            model.place("WX_C0001", 300, "Cola", null);
            String backend = server.baseUri().toString();
            assertEquals(0, run("scan", "--wallet", "wechat", "--backend", backend, "WX_C0001"));
            assertEquals(0, run("pay", "--wallet", "wechat", "--backend", backend, "WX_C0001"));
            assertEquals(1, run("pay", "--wallet", "wechat", "--backend", backend, "WX_C0001"), "paid once");
            assertEquals(0, run("trades", "--wallet", "wechat", "--backend", backend));
            assertEquals(FakeWechatPay.TradeState.SUCCESS, model.trade("WX_C0001").orElseThrow().state());
        }
        assertEquals(2, run("pay", "--wallet", "paypal", "WX_C0001"));
        assertTrue(err.toString().contains("'paypal' is not a wallet; use alipay or wechat"), err.toString());
        assertEquals("http://127.0.0.1:8091", CustomerCommand.Wallet.WECHAT.defaultBackend.toString());
        assertEquals("http://127.0.0.1:8090", CustomerCommand.Wallet.ALIPAY.defaultBackend.toString());
        assertFalse(err.toString().isEmpty());
    }
}
