package io.qrvend.drivers.display;

/**
 * A 5x7 pixel font for printable ASCII and the yuan sign, drawn at any integer scale with one
 * column of spacing. Built in so a headless Pi needs no font files; other characters are drawn as
 * {@code ?}.
 */
public final class PixelFont {
    public static final int GLYPH_WIDTH = 5;
    public static final int GLYPH_HEIGHT = 7;
    /** Horizontal advance per character at scale 1, spacing included. */
    public static final int ADVANCE = GLYPH_WIDTH + 1;

    private static final char YUAN = '\u00A5';
    private static final String YUAN_ROWS = "110A1F041F0404";
    /** Rows of each glyph from {@code ' '} to {@code '~'}, top first, bit 4 the leftmost column. */
    private static final String[] ASCII = {
            "00000000000000",
            "04040404000004",
            "0A0A0A00000000",
            "0A0A1F0A1F0A0A",
            "040F140E051E04",
            "18190204081303",
            "0C12140815120D",
            "0C040800000000",
            "02040808080402",
            "08040202020408",
            "0004150E150400",
            "0004041F040400",
            "000000000C0408",
            "0000001F000000",
            "00000000000C0C",
            "00010204081000",
            "0E11131519110E",
            "040C040404040E",
            "0E11010204081F",
            "1F02040201110E",
            "02060A121F0202",
            "1F101E0101110E",
            "0608101E11110E",
            "1F010204080808",
            "0E11110E11110E",
            "0E11110F01020C",
            "000C0C000C0C00",
            "000C0C000C0408",
            "02040810080402",
            "00001F001F0000",
            "08040201020408",
            "0E110102040004",
            "0E11010D15150E",
            "0E1111111F1111",
            "1E11111E11111E",
            "0E11101010110E",
            "1C12111111121C",
            "1F10101E10101F",
            "1F10101E101010",
            "0E11101711110F",
            "1111111F111111",
            "0E04040404040E",
            "0702020202120C",
            "11121418141211",
            "1010101010101F",
            "111B1515111111",
            "11111915131111",
            "0E11111111110E",
            "1E11111E101010",
            "0E11111115120D",
            "1E11111E141211",
            "0F10100E01011E",
            "1F040404040404",
            "1111111111110E",
            "11111111110A04",
            "1111111515150A",
            "11110A040A1111",
            "1111110A040404",
            "1F01020408101F",
            "0E08080808080E",
            "00100804020100",
            "0E02020202020E",
            "040A1100000000",
            "0000000000001F",
            "08040200000000",
            "00000E010F110F",
            "1010161911111E",
            "00000E1010110E",
            "01010D1311110F",
            "00000E111F100E",
            "0609081C080808",
            "000F11110F010E",
            "10101619111111",
            "04000C0404040E",
            "0200060202120C",
            "10101214181412",
            "0C04040404040E",
            "00001A15151111",
            "00001619111111",
            "00000E1111110E",
            "00001E111E1010",
            "00000D130F0101",
            "00001619101010",
            "00000E100E011E",
            "08081C08080906",
            "0000111111130D",
            "00001111110A04",
            "0000111115150A",
            "0000110A040A11",
            "000011110F010E",
            "00001F0204081F",
            "02040408040402",
            "04040404040404",
            "08040402040408",
            "00000815020000"
    };

    private PixelFont() {
    }

    /** Width in pixels of {@code text} at {@code scale}, without trailing spacing. */
    public static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    public static int height(int scale) {
        return GLYPH_HEIGHT * scale;
    }

    /** Draws {@code text} with its top-left corner at {@code (x, y)}, clipped to the raster. */
    public static void draw(Raster raster, int x, int y, String text, int scale, int rgb) {
        for (int i = 0; i < text.length(); i++) {
            String rows = rows(text.charAt(i));
            int left = x + i * ADVANCE * scale;
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                int bits = Integer.parseInt(rows.substring(2 * row, 2 * row + 2), 16);
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if ((bits & (0x10 >> col)) != 0) {
                        raster.fillRect(left + col * scale, y + row * scale, scale, scale, rgb);
                    }
                }
            }
        }
    }

    /** True when the font has a glyph of its own for {@code c}. */
    public static boolean covers(char c) {
        return c == YUAN || (c >= ' ' && c <= '~');
    }

    private static String rows(char c) {
        if (c == YUAN) {
            return YUAN_ROWS;
        }
        return ASCII[covers(c) ? c - ' ' : '?' - ' '];
    }
}
