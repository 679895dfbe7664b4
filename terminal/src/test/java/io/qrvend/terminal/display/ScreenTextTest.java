package io.qrvend.terminal.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words every display shows: each names the wallets the sale really offers, and no other. */
class ScreenTextTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private static Screen.PaymentQr payment(Screen.WalletCode... codes) {
        return new Screen.PaymentQr("T1", "Green tea", 350, List.of(codes), NOW.plusSeconds(60));
    }

    @Test
    void thePaymentScreenSaysWhichWalletsToScanWith() {
        assertEquals("Scan with Alipay", ScreenText.of(new Screen.PaymentQr("T1", "Green tea", 350, "https://qr.alipay.com/x",
                NOW.plusSeconds(60)), NOW).lines().get(1), "one unlabelled code is a one-wallet terminal's Alipay code");
        assertEquals("Scan with Alipay", ScreenText.of(payment(new Screen.WalletCode("Alipay", "a")), NOW).lines().get(1));
        assertEquals("Scan with WeChat Pay", ScreenText.of(payment(new Screen.WalletCode("WeChat Pay", "w")), NOW).lines().get(1));
        assertEquals(List.of("Green tea", "Scan with Alipay or WeChat Pay", "60 s left"),
                ScreenText.of(payment(new Screen.WalletCode("Alipay", "a"), new Screen.WalletCode("WeChat Pay", "w")), NOW).lines());
        assertEquals("Scan with WeChat Pay or Alipay",
                ScreenText.of(payment(new Screen.WalletCode("WeChat Pay", "w"), new Screen.WalletCode("Alipay", "a")), NOW).lines().get(1),
                "in the order the codes are shown");
        assertEquals("Scan with A, B or C", ScreenText.scanWith(List.of(new Screen.WalletCode("A", "a"),
                new Screen.WalletCode("B", "b"), new Screen.WalletCode("C", "c"))));
    }

    @Test
    void aRefundNamesItsWalletAndOnlyAnAlipayRefundSaysAlipay() {
        assertEquals(List.of("Green tea did not drop.", "\u00A53.50 is refunded to your WeChat Pay."),
                ScreenText.of(new Screen.Refunded("Green tea", 350, "WeChat Pay"), NOW).lines());
        assertEquals(List.of("Green tea did not drop.", "\u00A53.50 is refunded to your Alipay."),
                ScreenText.of(new Screen.Refunded("Green tea", 350), NOW).lines(), "a refund from before there were two wallets");
        assertEquals(List.of("Green tea did not drop.", "\u00A53.50 is refunded."),
                ScreenText.of(new Screen.Refunded("Green tea", 350, ""), NOW).lines(), "a wallet not known is not guessed");
    }

    /** Only the screens that are about a wallet name one: the rest say the same whichever was used. */
    @Test
    void noOtherScreenNamesAWallet() {
        List<Screen> screens = List.of(new Screen.Idle(List.of(new Screen.Offer("A1", "Cola", 300, true))), new Screen.Vending("Cola"),
                new Screen.ThankYou("Cola"), new Screen.Notice("Slot C3 is sold out"), new Screen.OutOfService("Door open"),
                payment(new Screen.WalletCode("WeChat Pay", "w")), new Screen.Refunded("Cola", 300, "WeChat Pay"));
        for (Screen screen : screens) {
            ScreenText text = ScreenText.of(screen, NOW);
            String all = text.headline() + " " + String.join(" ", text.lines());
            assertFalse(all.contains("Alipay"), screen + " says " + all);
        }
    }
}
