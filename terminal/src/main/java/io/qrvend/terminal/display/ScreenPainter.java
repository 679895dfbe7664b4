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
 */
public final class ScreenPainter {
    public static final int MIN_SIDE = 240;

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
        if (screen instanceof Screen.PaymentQr qr) {
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
        List<String> top = List.of(text.headline() + "  " + text.lines().get(0));
        List<String> bottom = text.lines().subList(1, text.lines().size());
        int topHeight = paintLines(raster, margin, margin, column, top, textScale);
        int bottomHeight = paintLines(null, 0, 0, column, bottom, textScale);
        paintLines(raster, margin, height - margin - bottomHeight, column, bottom, textScale);
        int side = Math.min(column, height - 2 * margin - topHeight - bottomHeight);
        code.draw(raster, (width - side) / 2, margin + topHeight, side, scaleFor(code, side));
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
                used += PixelFont.height(scale) + scale * 3;
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
