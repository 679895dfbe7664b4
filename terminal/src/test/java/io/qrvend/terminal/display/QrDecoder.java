package io.qrvend.terminal.display;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import io.qrvend.drivers.display.Raster;
import java.util.HashSet;
import java.util.Set;

/** Reads a QR code back out of a picture with ZXing's reader, the way a phone would. */
public final class QrDecoder {
    private QrDecoder() {
    }

    public static String decode(Raster picture) throws Exception {
        try {
            return new QRCodeReader().decode(bitmap(picture)).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found in a " + picture.width() + "x" + picture.height() + " picture", e);
        }
    }

    /** Every QR code in the picture, as a phone's scanner that offers a choice when it sees several. */
    public static Set<String> decodeAll(Raster picture) throws Exception {
        Set<String> texts = new HashSet<>();
        try {
            for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap(picture))) {
                texts.add(result.getText());
            }
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code found in a " + picture.width() + "x" + picture.height() + " picture", e);
        }
        return texts;
    }

    private static BinaryBitmap bitmap(Raster picture) {
        int[] pixels = new int[picture.width() * picture.height()];
        for (int y = 0; y < picture.height(); y++) {
            for (int x = 0; x < picture.width(); x++) {
                pixels[y * picture.width() + x] = picture.get(x, y);
            }
        }
        return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(picture.width(), picture.height(), pixels)));
    }
}
