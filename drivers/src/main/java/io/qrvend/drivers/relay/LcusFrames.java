package io.qrvend.drivers.relay;

/**
 * The LCUS USB relay command: {@code A0 channel state checksum}, the checksum being the low byte of
 * the sum of the first three. Channel 1 is byte {@code 01}; state {@code 01} closes, {@code 00} opens.
 * The boards never answer.
 */
public final class LcusFrames {
    static final int START = 0xA0;

    private LcusFrames() {
    }

    public static byte[] command(int channel, boolean on) {
        if (channel < 1 || channel > 0xFF) {
            throw new IllegalArgumentException("LCUS channel must be 1..255, was " + channel);
        }
        int state = on ? 1 : 0;
        return new byte[] {(byte) START, (byte) channel, (byte) state, (byte) ((START + channel + state) & 0xFF)};
    }

    /** A decoded command, or null when {@code frame} is not a valid LCUS command. */
    public static Command decode(byte[] frame) {
        if (frame.length != 4 || (frame[0] & 0xFF) != START) {
            return null;
        }
        int channel = frame[1] & 0xFF;
        int state = frame[2] & 0xFF;
        if (channel == 0 || state > 1 || (frame[3] & 0xFF) != ((START + channel + state) & 0xFF)) {
            return null;
        }
        return new Command(channel, state == 1);
    }

    public record Command(int channel, boolean on) {
    }
}
