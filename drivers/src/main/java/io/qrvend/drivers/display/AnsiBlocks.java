package io.qrvend.drivers.display;

/**
 * Draws a picture on a text terminal with half-block characters: each character cell is two pixels
 * stacked, dark drawn black on a white background whatever the terminal's colours, so a phone can
 * scan a QR code off the screen. Pixels darker than mid-grey count as dark.
 */
public final class AnsiBlocks {
    private static final String COLOURS = "\u001b[30;107m";
    private static final String RESET = "\u001b[0m";

    private AnsiBlocks() {
    }

    public static String render(Raster picture) {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < picture.height(); y += 2) {
            text.append(COLOURS);
            for (int x = 0; x < picture.width(); x++) {
                boolean top = dark(picture.get(x, y));
                boolean bottom = y + 1 < picture.height() && dark(picture.get(x, y + 1));
                text.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            text.append(RESET).append('\n');
        }
        return text.toString();
    }

    static boolean dark(int rgb) {
        int luminance = (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
        return luminance < 128;
    }
}
