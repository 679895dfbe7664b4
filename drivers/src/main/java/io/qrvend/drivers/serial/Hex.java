package io.qrvend.drivers.serial;

/** Frames written as {@code 01 05 00 00 FF 00 8C 3A}, the way board manuals print them. */
public final class Hex {
    private Hex() {
    }

    public static String of(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }

    /** Parses {@code "01 05 00 00"} (spaces optional). */
    public static byte[] parse(String text) {
        String digits = text.replace(" ", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + text);
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
