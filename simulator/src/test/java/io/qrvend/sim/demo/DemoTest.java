package io.qrvend.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's five customers, as scripts/demo plays them: the real daemon process offering both wallets, driven by qrvend commands. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void fiveCustomersEndAsToldAndTheMoneyChecksHold() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(dir);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(ok, out);
        assertTrue(out.contains("\u2580") || out.contains("\u2584"), "the QR codes were drawn in half blocks");
        assertTrue(out.contains("Scan with Alipay or WeChat Pay") && out.contains("  Alipay:\n") && out.contains("  WeChat Pay:\n"),
                "both codes on the screen, each labelled with its wallet: " + out);

        // Each customer's sale, as the journal the demo leaves behind holds it: one order per wallet.
        List<Map<Wallet, SaleState>> sales;
        try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            Map<Long, Map<Wallet, SaleState>> byGroup = new LinkedHashMap<>();
            for (Sale s : journal.sales()) {
                byGroup.computeIfAbsent(s.groupId(), g -> new EnumMap<>(Wallet.class)).put(s.wallet(), s.state());
            }
            sales = List.copyOf(byGroup.values());
        }
        assertEquals(List.of(
                Map.of(Wallet.ALIPAY, SaleState.CANCELLED, Wallet.WECHAT, SaleState.VENDED), // pays with WeChat Pay
                Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.CANCELLED), // pays with Alipay
                Map.of(Wallet.ALIPAY, SaleState.REFUNDED, Wallet.WECHAT, SaleState.CANCELLED), // jammed slot
                Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.REFUNDED), // pays both codes
                Map.of(Wallet.ALIPAY, SaleState.CANCELLED, Wallet.WECHAT, SaleState.CANCELLED)), // walks away
                sales.stream().map(Map::copyOf).collect(Collectors.toList()));

        // What the backends' books said, as the demo printed them.
        assertFound(out, "WeChat Pay order \\S+ ended VENDED; WeChat Pay's books: SUCCESS, paid 4.00, refunded 0.00 in 0 refund\\(s\\)");
        assertFound(out, "the customer, seeing no change yet, pays the WeChat Pay code too: \\{[^}]*\"paid\":true");
        assertFound(out, "WeChat Pay order \\S+ ended REFUNDED; WeChat Pay's books: REFUND, paid 3.50, refunded 3.50 in 1 refund\\(s\\)");
        assertFound(out, "Alipay order \\S+ ended REFUNDED; Alipay's books: TRADE_CLOSED, paid 2.00, refunded 2.00");
        assertTrue(out.contains("total      5      3        2         1     16.50      5.50     11.00"), out);
        assertTrue(out.contains("alipay      5      2        1         2      9.00      2.00      7.00"), out);
        assertTrue(out.contains("wechat      5      1        1         3      7.50      3.50      4.00"), out);
        assertTrue(out.contains("5 customers' sales, their orders 3 vended, 2 refunded, 5 cancelled; 1 paid twice and refunded once"), out);
    }

    private static void assertFound(String out, String regex) {
        assertTrue(Pattern.compile(regex).matcher(out).find(), "no line matching " + regex + " in\n" + out);
    }
}
