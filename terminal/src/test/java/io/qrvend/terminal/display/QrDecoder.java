package io.qrvend.terminal.display;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.qrvend.drivers.display.Raster;

/** Reads a QR code back out of a picture with ZXing's reader, the way a phone would. */
public final class QrDecoder {
    private QrDecoder() {
    }

    public static String decode(Raster picture) throws Exception {
        int[] pixels = new int[picture.width() * picture.height()];
        for (int y = 0; y < picture.height(); y++) {
            for (int x = 0; x < picture.width(); x++) {
                pixels[y * picture.width() + x] = picture.get(x, y);
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(picture.width(), picture.height(), pixels);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found in a " + picture.width() + "x" + picture.height() + " picture", e);
        }
    }
}
