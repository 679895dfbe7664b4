package io.qrvend.terminal.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.display.Raster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.qrvend.terminal.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

class AnsiDisplayTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final String QR_TEXT = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

    @Test
    void theHalfBlockCodeDecodesToTheOrderUrl() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnsiDisplay display = new AnsiDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> NOW, false);
        display.show(new Screen.PaymentQr("T1", "Green tea", 350, QR_TEXT, NOW.plusSeconds(90)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\u00A53.50") && out.contains("Green tea") && out.contains("90 s left"), out);
        assertEquals(QR_TEXT, QrDecoder.decode(blocksToPicture(out, 4)));
    }

    @Test
    void twoWalletsPrintOneLabelledCodeAfterTheOther() throws Exception {
        String wechat = "weixin://wxpay/bizpayurl?pr=QDC3nUKzz";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AnsiDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> NOW, false).show(new Screen.PaymentQr("T1",
                "Green tea", 350, List.of(new Screen.WalletCode("Alipay", QR_TEXT), new Screen.WalletCode("WeChat Pay", wechat)),
                NOW.plusSeconds(90)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("  Scan with Alipay or WeChat Pay\n"), out);
        int alipay = out.indexOf("  Alipay:\n");
        int weChat = out.indexOf("  WeChat Pay:\n");
        assertTrue(alipay > 0 && weChat > alipay, "each code under its label, Alipay first: " + out);
        assertEquals(QR_TEXT, QrDecoder.decode(blocksToPicture(out.substring(alipay, weChat), 4)));
        assertEquals(wechat, QrDecoder.decode(blocksToPicture(out.substring(weChat), 4)));
    }

    @Test
    void aRefundNamesTheWalletTheMoneyWentBackTo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AnsiDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> NOW, false)
                .show(new Screen.Refunded("Green tea", 350, "WeChat Pay"));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\u00A53.50 is refunded to your WeChat Pay.") && !out.contains("Alipay"), out);
    }

    @Test
    void otherScreensAreText() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AnsiDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> NOW, true)
                .show(new Screen.Refunded("Green tea", 350));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\u001b[H\u001b[2J"), "an interactive terminal is cleared first");
        assertTrue(out.contains("Green tea did not drop.") && out.contains("\u00A53.50 is refunded to your Alipay."), out);
    }

    @Test
    void aPaymentScreenTicksEverySecondUntilItsDeadline() {
        VirtualScheduler scheduler = new VirtualScheduler(NOW);
        List<Screen> shown = new ArrayList<>();
        TickingDisplay display = new TickingDisplay(shown::add, scheduler);
        display.show(new Screen.PaymentQr("T1", "Green tea", 350, QR_TEXT, NOW.plusSeconds(3)));
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(4, shown.size(), "at 0, 1, 2 and 3 s");

        display.show(new Screen.PaymentQr("T2", "Green tea", 350, QR_TEXT, scheduler.now().plusSeconds(60)));
        display.show(new Screen.ThankYou("Green tea"));
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(6, shown.size(), "a replaced payment screen stops ticking");
    }

    @Test
    void theCountdownIgnoresStepsOfTheWallClock() {
        VirtualScheduler scheduler = new VirtualScheduler(NOW);
        List<Screen> shown = new ArrayList<>();
        TickingDisplay display = new TickingDisplay(shown::add, scheduler);
        display.show(new Screen.PaymentQr("T1", "Green tea", 350, QR_TEXT, NOW.plusSeconds(90)));
        scheduler.advance(Duration.ofSeconds(10));
        scheduler.stepWallClock(Duration.ofHours(3));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals("79 s left", countdown(shown, scheduler), "a step forward does not end the countdown");
        scheduler.stepWallClock(Duration.ofHours(-6));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals("78 s left", countdown(shown, scheduler), "a step back does not add hours to it");
        Screen.PaymentQr first = new Screen.PaymentQr("T1", "Green tea", 350, QR_TEXT, NOW.plusSeconds(90));
        display.show(new Screen.Notice("Please wait: a sale is in progress"));
        display.show(first);
        assertEquals("78 s left", countdown(shown, scheduler), "shown again after a notice, the QR keeps its count");
        scheduler.advance(Duration.ofSeconds(100));
        assertEquals("0 s left", countdown(shown, scheduler));
        assertEquals(93, shown.size(), "one redraw a second, 0 to 90 s, the notice and the QR again, then none");
    }

    private static String countdown(List<Screen> shown, VirtualScheduler scheduler) {
        Screen.PaymentQr last = (Screen.PaymentQr) shown.get(shown.size() - 1);
        return ScreenText.secondsLeft(last.deadline(), scheduler.now());
    }

    /** Turns half-block characters back into pixels, each character two stacked pixels, scaled up. */
    private static Raster blocksToPicture(String out, int scale) {
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("\u001b[30;107m")) {
                rows.add(line.substring("\u001b[30;107m".length(), line.indexOf("\u001b[0m")));
            }
        }
        int width = rows.get(0).length();
        Raster picture = new Raster(width * scale, rows.size() * 2 * scale);
        picture.fill(Raster.WHITE);
        for (int r = 0; r < rows.size(); r++) {
            for (int x = 0; x < width; x++) {
                char c = rows.get(r).charAt(x);
                if (c == '\u2588' || c == '\u2580') {
                    picture.fillRect(x * scale, 2 * r * scale, scale, scale, Raster.BLACK);
                }
                if (c == '\u2588' || c == '\u2584') {
                    picture.fillRect(x * scale, (2 * r + 1) * scale, scale, scale, Raster.BLACK);
                }
            }
        }
        return picture;
    }
}
