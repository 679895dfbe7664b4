package io.qrvend.terminal.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.qrvend.drivers.display.Raster;
import java.util.Map;

/**
 * The modules of a QR code, from ZXing's encoder at error correction level M (what Alipay's own
 * codes use: readable with some glare or a scratch on the glass). The quiet zone is not included;
 * {@link #draw} adds it.
 */
public final class QrCode {
    /** Modules of light margin the standard asks for on every side. */
    public static final int QUIET_ZONE = 4;

    private final int size;
    private final boolean[] dark;

    private QrCode(int size, boolean[] dark) {
        this.size = size;
        this.dark = dark;
    }

    /** Encodes {@code text} as UTF-8; text too long for any QR version is an {@link IllegalArgumentException}. */
    public static QrCode encode(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs some text");
        }
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text of " + text.length() + " characters does not fit in a QR code: " + e.getMessage(), e);
        }
        int size = matrix.getWidth();
        boolean[] dark = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                dark[y * size + x] = matrix.get(x, y) == 1;
            }
        }
        return new QrCode(size, dark);
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return size;
    }

    public boolean dark(int x, int y) {
        return dark[y * size + x];
    }

    /** The largest whole number of pixels per module that fits {@code pixels}, quiet zone included; 0 if none. */
    public int scaleFor(int pixels) {
        return pixels / (size + 2 * QUIET_ZONE);
    }

    /**
     * Draws the code with its quiet zone, {@code scale} pixels per module, centred in the square
     * {@code (x, y, side, side)}.
     */
    public void draw(Raster raster, int x, int y, int side, int scale) {
        int total = (size + 2 * QUIET_ZONE) * scale;
        if (scale < 1 || total > side) {
            throw new IllegalArgumentException("a QR code of " + size + " modules does not fit " + side + " pixels at scale " + scale);
        }
        int left = x + (side - total) / 2;
        int top = y + (side - total) / 2;
        raster.fillRect(left, top, total, total, Raster.WHITE);
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                if (dark(col, row)) {
                    raster.fillRect(left + (col + QUIET_ZONE) * scale, top + (row + QUIET_ZONE) * scale, scale, scale, Raster.BLACK);
                }
            }
        }
    }

    /** A square picture of just the code, {@code side} pixels wide, e.g. for {@code qrvend qr --png}. */
    public Raster picture(int side) {
        int scale = scaleFor(side);
        if (scale < 1) {
            throw new IllegalArgumentException("a QR code of " + size + " modules needs at least " + (size + 2 * QUIET_ZONE) + " pixels");
        }
        Raster raster = new Raster(side, side);
        raster.fill(Raster.WHITE);
        draw(raster, 0, 0, side, scale);
        return raster;
    }
}
