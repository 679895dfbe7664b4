package io.qrvend.terminal.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.display.FrameSink;
import io.qrvend.drivers.display.PixelFont;
import io.qrvend.drivers.display.Raster;
import io.qrvend.terminal.qr.QrCode;
import io.qrvend.terminal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The payment screen of a sale offering both wallets, painted and read back: each code decoded by
 * ZXing from the frame, each module a whole block of pixels, each label over its own code.
 */
class TwoCodeScreenTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private static final String ALIPAY = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
    private static final String WECHAT = "weixin://wxpay/bizpayurl?pr=QDC3nUKzz";
    private static final Screen.PaymentQr BOTH = new Screen.PaymentQr("T1_261202_00000001", "Green tea", 350,
            List.of(new Screen.WalletCode("Alipay", ALIPAY), new Screen.WalletCode("WeChat Pay", WECHAT)), NOW.plusSeconds(90));

    @Test
    void on480x320BothCodesDecodeAndEveryModuleIsAWholeBlockOfAtLeastThreePixels() throws Exception {
        ScreenPainter painter = new ScreenPainter(480, 320);
        Raster frame = painter.paint(BOTH, NOW);
        CodeGrid grid = painter.grid(BOTH);
        assertEquals(CodeGrid.Arrangement.SIDE_BY_SIDE, grid.arrangement());
        assertTrue(grid.modulePx() >= CodeGrid.MIN_MODULE_PX, grid.modulePx() + " px per module");
        assertEquals(5, grid.modulePx(), "the largest that fits two 41-module cells in 480 px");
        assertEquals(Set.of(ALIPAY, WECHAT), QrDecoder.decodeAll(frame), "a phone aimed at the screen finds both codes");
        assertCodeAt(frame, grid, grid.cells().get(0), ALIPAY);
        assertCodeAt(frame, grid, grid.cells().get(1), WECHAT);
        assertLabelAbove(frame, grid, grid.cells().get(0), "Alipay");
        assertLabelAbove(frame, grid, grid.cells().get(1), "WeChat Pay");
    }

    @Test
    void widePortraitAndLargePanelsShowBothCodesAtOnce() throws Exception {
        Object[][] panels = {{800, 480, CodeGrid.Arrangement.SIDE_BY_SIDE, 7}, {320, 480, CodeGrid.Arrangement.STACKED, 4},
                {1920, 1080, CodeGrid.Arrangement.SIDE_BY_SIDE, 15}};
        for (Object[] panel : panels) {
            ScreenPainter painter = new ScreenPainter((int) panel[0], (int) panel[1]);
            Raster frame = painter.paint(BOTH, NOW);
            CodeGrid grid = painter.grid(BOTH);
            String name = panel[0] + "x" + panel[1];
            assertEquals(panel[2], grid.arrangement(), name);
            assertEquals(panel[3], grid.modulePx(), name);
            assertEquals(Set.of(ALIPAY, WECHAT), QrDecoder.decodeAll(frame), name);
            assertCodeAt(frame, grid, grid.cells().get(0), ALIPAY);
            assertCodeAt(frame, grid, grid.cells().get(1), WECHAT);
            assertLabelAbove(frame, grid, grid.cells().get(1), "WeChat Pay");
        }
    }

    @Test
    void theInstructionsNameBothWallets() {
        ScreenText text = ScreenText.of(BOTH, NOW);
        assertEquals(List.of("Green tea", "Scan with Alipay or WeChat Pay", "90 s left"), text.lines());
        assertEquals("\u00A53.50", text.headline());
    }

    @Test
    void oneCodeIsDrawnAsBeforeWhetherOrNotItIsLabelled() {
        Screen.PaymentQr unlabelled = new Screen.PaymentQr("T1", "Green tea", 350, ALIPAY, NOW.plusSeconds(90));
        Screen.PaymentQr labelled = new Screen.PaymentQr("T1", "Green tea", 350, List.of(new Screen.WalletCode("Alipay", ALIPAY)),
                NOW.plusSeconds(90));
        for (int[] size : new int[][] {{240, 240}, {480, 320}, {320, 480}}) {
            ScreenPainter painter = new ScreenPainter(size[0], size[1]);
            assertSamePixels(painter.paint(unlabelled, NOW), painter.paint(labelled, NOW));
        }
    }

    /**
     * 240x240 cannot hold both codes at 3 px a module, even without the instructions, so they take
     * turns, five seconds each, at 4 px a module (an Alipay-only 240x240 screen has 4 too), driven
     * by the payment screen's own once-a-second redraw on the monotonic clock: a step of the wall
     * clock in the middle changes nothing.
     */
    @Test
    void on240x240TheCodesTakeTurnsOnTheCountdownsRedraw() throws Exception {
        assertEquals(CodeGrid.Arrangement.ALTERNATING, new ScreenPainter(240, 240).grid(BOTH).arrangement());
        VirtualScheduler scheduler = new VirtualScheduler(NOW);
        List<Raster> frames = new ArrayList<>();
        FrameSink panel = new RecordingPanel(240, 240, frames);
        TickingDisplay display = new TickingDisplay(new FrameDisplay(panel, scheduler::now), scheduler);
        display.show(BOTH);
        scheduler.advance(Duration.ofSeconds(12));
        scheduler.stepWallClock(Duration.ofHours(-2));
        scheduler.advance(Duration.ofSeconds(8));
        assertEquals(21, frames.size(), "one frame a second from 90 s left to 70 s left");
        List<String> shown = new ArrayList<>();
        for (Raster frame : frames) {
            shown.add(QrDecoder.decode(frame));
        }
        List<String> expected = new ArrayList<>();
        for (int second = 0; second <= 20; second++) {
            expected.add((second / ScreenPainter.ALTERNATE_SECONDS) % 2 == 0 ? ALIPAY : WECHAT);
        }
        assertEquals(expected, shown, "Alipay for 90..86 s left, WeChat Pay for 85..81, and so on");
        CodeGrid grid = new ScreenPainter(240, 240).grid(BOTH);
        assertEquals(4, grid.modulePx());
        assertCodeAt(frames.get(0), grid, grid.cells().get(0), ALIPAY);
        assertCodeAt(frames.get(5), grid, grid.cells().get(0), WECHAT);
        assertLabelAbove(frames.get(5), grid, grid.cells().get(0), "WeChat Pay");
    }

    @Test
    void theTurnFollowsTheSecondsLeft() {
        assertEquals(0, ScreenPainter.codeOnShow(BOTH, NOW));
        assertEquals(0, ScreenPainter.codeOnShow(BOTH, NOW.plusSeconds(4)));
        assertEquals(1, ScreenPainter.codeOnShow(BOTH, NOW.plusSeconds(5)));
        assertEquals(1, ScreenPainter.codeOnShow(BOTH, NOW.plusMillis(9_999)));
        assertEquals(0, ScreenPainter.codeOnShow(BOTH, NOW.plusSeconds(10)));
        assertEquals(1, ScreenPainter.codeOnShow(BOTH, NOW.plusSeconds(89)), "the last turn is the last code's");
        assertEquals(1, ScreenPainter.codeOnShow(BOTH, NOW.plusSeconds(300)), "past the deadline it stays on the last");
    }

    /** The code in {@code cell} is {@code text}'s, module for module, each a whole block of modulePx pixels. */
    private static void assertCodeAt(Raster frame, CodeGrid grid, CodeGrid.Cell cell, String text) throws Exception {
        QrCode code = QrCode.encode(text);
        int px = grid.modulePx();
        int total = (code.size() + 2 * QrCode.QUIET_ZONE) * px;
        int left = cell.x() + (cell.side() - total) / 2;
        int top = cell.y(); // at the top of its cell, so labels over codes of different sizes line up
        for (int row = -QrCode.QUIET_ZONE; row < code.size() + QrCode.QUIET_ZONE; row++) {
            for (int col = -QrCode.QUIET_ZONE; col < code.size() + QrCode.QUIET_ZONE; col++) {
                boolean inCode = row >= 0 && col >= 0 && row < code.size() && col < code.size();
                int expected = inCode && code.dark(col, row) ? Raster.BLACK : Raster.WHITE;
                int x0 = left + (col + QrCode.QUIET_ZONE) * px;
                int y0 = top + (row + QrCode.QUIET_ZONE) * px;
                for (int y = y0; y < y0 + px; y++) {
                    for (int x = x0; x < x0 + px; x++) {
                        if (frame.get(x, y) != expected) {
                            throw new AssertionError(text + ": module (" + col + ", " + row + ") pixel (" + x + ", " + y + ") is not "
                                    + (expected == Raster.BLACK ? "dark" : "light"));
                        }
                    }
                }
            }
        }
        assertEquals(text, QrDecoder.decode(crop(frame, cell.x(), cell.y(), cell.side(), cell.side())));
    }

    /**
     * The band just above {@code cell} holds exactly the pixel font's drawing of {@code label},
     * centred on the cell, and nothing else.
     */
    private static void assertLabelAbove(Raster frame, CodeGrid grid, CodeGrid.Cell cell, String label) {
        int scale = grid.labelHeight() / (PixelFont.GLYPH_HEIGHT + 3); // a line is the glyph and 3 rows of spacing
        Raster expected = new Raster(frame.width(), frame.height());
        expected.fill(Raster.WHITE);
        int x = cell.x() + (cell.side() - PixelFont.width(label, scale)) / 2;
        PixelFont.draw(expected, x, cell.y() - grid.labelHeight(), label, scale, Raster.BLACK);
        for (int py = cell.y() - grid.labelHeight(); py < cell.y(); py++) {
            for (int px = cell.x(); px < cell.x() + cell.side(); px++) {
                assertEquals(expected.get(px, py), frame.get(px, py), label + " at (" + px + ", " + py + ")");
            }
        }
    }

    private static Raster crop(Raster frame, int x, int y, int width, int height) {
        Raster part = new Raster(width, height);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                part.fillRect(col, row, 1, 1, frame.get(x + col, y + row));
            }
        }
        return part;
    }

    private static void assertSamePixels(Raster a, Raster b) {
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                if (a.get(x, y) != b.get(x, y)) {
                    throw new AssertionError("the frames differ at (" + x + ", " + y + ")");
                }
            }
        }
    }

    /** A panel that keeps every frame it is given. */
    private record RecordingPanel(int width, int height, List<Raster> frames) implements FrameSink {
        @Override
        public void draw(Raster frame) {
            frames.add(frame);
        }
    }
}
