package io.qrvend.terminal.display;

import io.qrvend.drivers.display.PixelFont;
import io.qrvend.drivers.display.Raster;
import io.qrvend.terminal.qr.QrCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a screen out on a pixel display of any size from 240x240 up: black on white, text in the
 * built-in pixel font scaled to the display, and for the payment screen the largest QR code that
 * fits at a whole number of pixels per module, centred. A wide display puts the QR on the left and
 * the words on the right; a square or tall one stacks them.
 *
 * <p>A sale offering more than one wallet shows every code, each labelled with its wallet, laid out
 * by {@link CodeGrid}: price and product above, instructions and countdown below, the codes between,
 * side by side or stacked, at the largest whole number of pixels per module that fits them all. On a
 * panel too small for every code at {@link CodeGrid#MIN_MODULE_PX} pixels per module (240x240), the
 * instructions give way to the codes, and if that is not enough the codes take turns,
 * {@link #ALTERNATE_SECONDS} each, under their labels. The turn follows the countdown, which the
 * {@link TickingDisplay} redraws every second on the monotonic clock, so alternating needs no timer
 * or thread of its own and a step of the wall clock does not make the codes flicker.
 */
public final class ScreenPainter {
    public static final int MIN_SIDE = 240;
    /** How long each code stays up when the codes take turns: time for a phone to focus and read one. */
    public static final int ALTERNATE_SECONDS = 5;

    private final int width;
    private final int height;
    private final int margin;
    private final int textScale;

    public ScreenPainter(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException("display " + width + "x" + height + " is smaller than " + MIN_SIDE + "x" + MIN_SIDE);
        }
        this.width = width;
        this.height = height;
        this.margin = Math.max(6, Math.min(width, height) / 30);
        this.textScale = Math.max(2, Math.min(width, height) / 120);
    }

    public Raster paint(Screen screen, Instant now) {
        Raster raster = new Raster(width, height);
        raster.fill(Raster.WHITE);
        ScreenText text = ScreenText.of(screen, now);
        if (screen instanceof Screen.PaymentQr qr && qr.codes().size() > 1) {
            paintCodes(raster, qr, text, now);
        } else if (screen instanceof Screen.PaymentQr qr) {
            paintPayment(raster, QrCode.encode(qr.qrText()), text);
        } else {
            paintText(raster, margin, margin, width - 2 * margin, text);
        }
        return raster;
    }

    private void paintPayment(Raster raster, QrCode code, ScreenText text) {
        if (width >= height * 6 / 5) {
            int side = height - 2 * margin;
            code.draw(raster, margin, margin, side, scaleFor(code, side));
            paintText(raster, 2 * margin + side, margin, width - 3 * margin - side, text);
            return;
        }
        // Stacked: one line of price and product above, the instructions and countdown below, and
        // all the height between for the code, which must be as large as the display allows.
        int column = width - 2 * margin;
        List<String> top = topLines(text);
        List<String> bottom = bottomLines(text);
        int topHeight = paintLines(raster, margin, margin, column, top, textScale);
        int bottomHeight = paintLines(null, 0, 0, column, bottom, textScale);
        paintLines(raster, margin, height - margin - bottomHeight, column, bottom, textScale);
        int side = Math.min(column, height - 2 * margin - topHeight - bottomHeight);
        code.draw(raster, (width - side) / 2, margin + topHeight, side, scaleFor(code, side));
    }

    /** Where the codes of a screen with two wallets or more go on this display (one code is drawn as it always was). */
    public CodeGrid grid(Screen.PaymentQr qr) {
        return layout(encode(qr), ScreenText.of(qr, qr.deadline())).grid();
    }

    /**
     * The index of the code on show at {@code now} when the codes take turns. Turns of
     * {@link #ALTERNATE_SECONDS} are counted back from the deadline, the last turn the last code's,
     * so that a window of whole rounds (90 s of two 5 s turns) opens with a full turn of the first
     * code; and every redraw of one second of the countdown shows the same code.
     */
    public static int codeOnShow(Screen.PaymentQr qr, Instant now) {
        long left = Math.max(1, ScreenText.wholeSecondsLeft(qr.deadline(), now));
        int count = qr.codes().size();
        return count - 1 - (int) (((left - 1) / ALTERNATE_SECONDS) % count);
    }

    private void paintCodes(Raster raster, Screen.PaymentQr qr, ScreenText text, Instant now) {
        List<QrCode> codes = encode(qr);
        Layout layout = layout(codes, text);
        CodeGrid grid = layout.grid();
        int column = width - 2 * margin;
        paintLines(raster, margin, margin, column, topLines(text), textScale);
        int bottomHeight = paintLines(null, 0, 0, column, layout.bottom(), textScale);
        paintLines(raster, margin, height - margin - bottomHeight, column, layout.bottom(), textScale);
        if (grid.arrangement() == CodeGrid.Arrangement.ALTERNATING) {
            int shown = codeOnShow(qr, now);
            paintCode(raster, grid, grid.cells().get(0), codes.get(shown), qr.codes().get(shown).label());
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            paintCode(raster, grid, grid.cells().get(i), codes.get(i), qr.codes().get(i).label());
        }
    }

    /** Where the codes go, and the lines under them. */
    private record Layout(CodeGrid grid, List<String> bottom) {
    }

    private Layout layout(List<QrCode> codes, ScreenText text) {
        int cellModules = 0;
        for (QrCode code : codes) {
            cellModules = Math.max(cellModules, code.size() + 2 * QrCode.QUIET_ZONE);
        }
        Layout full = new Layout(fit(cellModules, codes.size(), text, bottomLines(text)), bottomLines(text));
        if (full.grid().arrangement() != CodeGrid.Arrangement.ALTERNATING) {
            return full;
        }
        // On a small panel the instructions give way to the codes: the labels over them already say
        // which wallet each is, and the room it frees may be enough for both, or else gives the
        // code on show the room an Alipay-only terminal's single code has on this panel.
        List<String> countdown = countdownOnly(text);
        return new Layout(fit(cellModules, codes.size(), text, countdown), countdown);
    }

    private CodeGrid fit(int cellModules, int count, ScreenText text, List<String> bottomLines) {
        int column = width - 2 * margin;
        int top = paintLines(null, 0, 0, column, topLines(text), textScale);
        int bottom = paintLines(null, 0, 0, column, bottomLines, textScale);
        return CodeGrid.fit(margin, margin + top, column, height - 2 * margin - top - bottom, lineHeight(textScale), cellModules, count);
    }

    /**
     * Draws one code at the top of its cell, centred across it, and its wallet's name centred just
     * above: codes of different sizes (an Alipay URL is longer than a WeChat Pay one) then have their
     * labels on one line and each the same distance from its code.
     */
    private void paintCode(Raster raster, CodeGrid grid, CodeGrid.Cell cell, QrCode code, String label) {
        int side = (code.size() + 2 * QrCode.QUIET_ZONE) * grid.modulePx();
        code.draw(raster, cell.x() + (cell.side() - side) / 2, cell.y(), side, grid.modulePx());
        int labelWidth = PixelFont.width(label, textScale);
        int x = Math.max(margin, Math.min(width - margin - labelWidth, cell.x() + (cell.side() - labelWidth) / 2));
        PixelFont.draw(raster, x, cell.y() - grid.labelHeight(), label, textScale, Raster.BLACK);
    }

    private static List<QrCode> encode(Screen.PaymentQr qr) {
        List<QrCode> codes = new ArrayList<>();
        for (Screen.WalletCode code : qr.codes()) {
            codes.add(QrCode.encode(code.qrText()));
        }
        return codes;
    }

    /** Price and product on one line above the code(s). */
    private static List<String> topLines(ScreenText text) {
        return List.of(text.headline() + "  " + text.lines().get(0));
    }

    /** Just the countdown, the last line. */
    private static List<String> countdownOnly(ScreenText text) {
        return text.lines().subList(text.lines().size() - 1, text.lines().size());
    }

    /** The instructions and the countdown, below the code(s). */
    private static List<String> bottomLines(ScreenText text) {
        return text.lines().subList(1, text.lines().size());
    }

    private static int lineHeight(int scale) {
        return PixelFont.height(scale) + scale * 3;
    }

    private static int scaleFor(QrCode code, int side) {
        int scale = code.scaleFor(side);
        if (scale < 1) {
            throw new IllegalArgumentException("a QR code of " + code.size() + " modules does not fit in " + side + " pixels");
        }
        return scale;
    }

    /** Draws the headline large and the lines below it, wrapped to {@code column}. */
    private void paintText(Raster raster, int x, int y, int column, ScreenText text) {
        y += paintLines(raster, x, y, column, List.of(text.headline()), textScale * 2);
        paintLines(raster, x, y, column, text.lines(), textScale);
    }

    /** Draws paragraphs wrapped to {@code column} (or only measures them when raster is null); returns the height. */
    private static int paintLines(Raster raster, int x, int y, int column, List<String> paragraphs, int scale) {
        int used = 0;
        for (String paragraph : paragraphs) {
            for (String line : wrap(paragraph, column, scale)) {
                if (raster != null) {
                    PixelFont.draw(raster, x, y + used, line, scale, Raster.BLACK);
                }
                used += lineHeight(scale);
            }
        }
        return used;
    }

    /** Splits text into lines no wider than {@code columnWidth}, breaking between words where it can. */
    static List<String> wrap(String text, int columnWidth, int scale) {
        int perLine = Math.max(1, (columnWidth / scale + 1) / PixelFont.ADVANCE);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        if (text.isEmpty()) {
            return lines;
        }
        for (String word : text.split(" ")) {
            while (word.length() > perLine) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, perLine));
                word = word.substring(perLine);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
