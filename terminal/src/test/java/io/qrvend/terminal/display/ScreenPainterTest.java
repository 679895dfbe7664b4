package io.qrvend.terminal.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.display.FrameSink;
import io.qrvend.drivers.display.Framebuffer;
import io.qrvend.drivers.display.FramebufferGeometry;
import io.qrvend.drivers.display.PngFile;
import io.qrvend.drivers.display.Raster;
import io.qrvend.terminal.qr.QrCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Screens drawn into real framebuffer and PNG files, read back, and the QR decoded by ZXing's reader. */
class ScreenPainterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final String QR_TEXT = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
    private static final Screen.PaymentQr PAYMENT = new Screen.PaymentQr("T1_261122_00000001", "Green tea", 350, QR_TEXT,
            NOW.plusSeconds(90));

    @TempDir
    Path dir;

    @Test
    void framebufferFilesOfEveryDepthAndShapeShowAScannableCode() throws Exception {
        int[][] shapes = {{240, 240, 16}, {480, 320, 16}, {800, 480, 32}, {320, 480, 32}, {1920, 1080, 32}};
        for (int[] shape : shapes) {
            Framebuffer fb = new Framebuffer(dir.resolve("fb-" + shape[0] + "x" + shape[1]),
                    FramebufferGeometry.packed(shape[0], shape[1], shape[2]));
            new FrameDisplay(fb, () -> NOW).show(PAYMENT);
            assertEquals(QR_TEXT, QrDecoder.decode(fb.read()), shape[0] + "x" + shape[1] + " " + shape[2] + " bpp");
        }
    }

    @Test
    void pngFileShowsAScannableCode() throws Exception {
        Path png = dir.resolve("screen.png");
        new FrameDisplay(new PngFile(png, 480, 320), () -> NOW).show(PAYMENT);
        assertEquals(QR_TEXT, QrDecoder.decode(PngFile.read(png)));
    }

    @Test
    void theCodeHasWholeModulesAndAQuietZone() {
        QrCode code = QrCode.encode(QR_TEXT);
        int scale = code.scaleFor(200);
        Raster picture = code.picture(200);
        int total = (code.size() + 2 * QrCode.QUIET_ZONE) * scale;
        int left = (200 - total) / 2;
        int moduleZero = left + QrCode.QUIET_ZONE * scale;
        // Finder pattern's corner module is dark, and every pixel of the quiet zone is light.
        assertEquals(Raster.BLACK, picture.get(moduleZero, moduleZero));
        assertEquals(Raster.BLACK, picture.get(moduleZero + scale - 1, moduleZero + scale - 1));
        for (int i = left; i < moduleZero; i++) {
            assertEquals(Raster.WHITE, picture.get(i, moduleZero), "quiet zone at " + i);
            assertEquals(Raster.WHITE, picture.get(moduleZero, i), "quiet zone at " + i);
        }
    }

    @Test
    void everyScreenDrawsOnTheSmallestAndLargerDisplays() {
        List<Screen> screens = List.of(
                new Screen.Idle(List.of(new Screen.Offer("A1", "Cola", 300, true), new Screen.Offer("B2", "Very long product name indeed", 1250, false))),
                PAYMENT,
                new Screen.Vending("Green tea"),
                new Screen.ThankYou("Green tea"),
                new Screen.Refunded("Green tea", 350),
                new Screen.Notice("Slot C3 is sold out"),
                new Screen.OutOfService("Door open"));
        for (int[] size : new int[][] {{240, 240}, {480, 320}, {800, 480}}) {
            ScreenPainter painter = new ScreenPainter(size[0], size[1]);
            for (Screen screen : screens) {
                Raster frame = painter.paint(screen, NOW);
                assertTrue(hasDarkPixel(frame), screen + " draws something at " + size[0] + "x" + size[1]);
            }
        }
    }

    @Test
    void displaysBelow240PixelsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScreenPainter(128, 160));
        assertEquals("display 128x160 is smaller than 240x240", e.getMessage());
    }

    @Test
    void aFailingDisplayIsLoggedNotThrownAndRecoversWhenTheDeviceDoes() throws Exception {
        boolean[] unplugged = {true};
        List<Raster> drawn = new ArrayList<>();
        FrameSink flaky = new FrameSink() {
            @Override
            public int width() {
                return 240;
            }

            @Override
            public int height() {
                return 240;
            }

            @Override
            public void draw(Raster frame) throws IOException {
                if (unplugged[0]) {
                    throw new IOException("device unplugged");
                }
                drawn.add(frame);
            }
        };
        FrameDisplay display = new FrameDisplay(flaky, () -> NOW);
        display.show(PAYMENT);
        assertTrue(display.failing(), "a draw that threw leaves the display marked failing");
        assertTrue(drawn.isEmpty());

        unplugged[0] = false;
        display.show(PAYMENT);
        assertEquals(1, drawn.size(), "the next screen is drawn once the device is back");
        assertEquals(QR_TEXT, QrDecoder.decode(drawn.get(0)));
        assertFalse(display.failing(), "a successful draw clears the failure");
    }

    @Test
    void wrapsBetweenWordsAndCutsWordsLongerThanALine() {
        assertEquals(List.of("Scan with", "Alipay"), ScreenPainter.wrap("Scan with Alipay", 6 * 10 - 1, 1));
        assertEquals(List.of("abcdefghij", "klm"), ScreenPainter.wrap("abcdefghijklm", 6 * 10 - 1, 1));
        assertEquals(List.of(), ScreenPainter.wrap("", 100, 1));
    }

    @Test
    void countdownRoundsUpAndStopsAtZero() {
        assertEquals("90 s left", ScreenText.secondsLeft(NOW.plusSeconds(90), NOW));
        assertEquals("1 s left", ScreenText.secondsLeft(NOW.plusMillis(10), NOW));
        assertEquals("0 s left", ScreenText.secondsLeft(NOW, NOW.plusSeconds(5)));
    }

    private static boolean hasDarkPixel(Raster frame) {
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                if (frame.get(x, y) == Raster.BLACK) {
                    return true;
                }
            }
        }
        return false;
    }
}
