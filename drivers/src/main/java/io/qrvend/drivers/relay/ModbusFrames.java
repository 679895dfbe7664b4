package io.qrvend.drivers.relay;

import java.util.Arrays;

/**
 * Modbus RTU frames for relay boards: function 05 (write single coil) with {@code FF00} for on and
 * {@code 0000} for off, CRC-16/MODBUS appended low byte first. A board echoes a write it accepted and
 * answers an exception ({@code function | 0x80}, code) when it refused.
 */
public final class ModbusFrames {
    public static final int WRITE_SINGLE_COIL = 0x05;
    public static final int COIL_ON = 0xFF00;
    public static final int COIL_OFF = 0x0000;
    /** Waveshare's board-timed pulse: coil {@code 0x0200 + n}, value = closed time in 100 ms units. */
    public static final int FLASH_ON_BASE = 0x0200;

    private ModbusFrames() {
    }

    public static byte[] writeSingleCoil(int slave, int coil, int value) {
        if (slave < 0 || slave > 0xFF || coil < 0 || coil > 0xFFFF || value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("slave, coil or value out of range: " + slave + ", " + coil + ", " + value);
        }
        byte[] frame = new byte[8];
        frame[0] = (byte) slave;
        frame[1] = WRITE_SINGLE_COIL;
        frame[2] = (byte) (coil >> 8);
        frame[3] = (byte) coil;
        frame[4] = (byte) (value >> 8);
        frame[5] = (byte) value;
        appendCrc(frame);
        return frame;
    }

    /** CRC-16/MODBUS (init FFFF, reflected polynomial A001) of the first {@code length} bytes. */
    public static int crc16(byte[] bytes, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** True when the last two bytes are the CRC of the rest, low byte first. */
    public static boolean crcMatches(byte[] frame) {
        if (frame.length < 4) {
            return false;
        }
        int crc = crc16(frame, frame.length - 2);
        return (frame[frame.length - 2] & 0xFF) == (crc & 0xFF) && (frame[frame.length - 1] & 0xFF) == (crc >>> 8);
    }

    /** A request as a board sees it, or null when the frame is damaged or not a function-05 write. */
    public static CoilWrite decodeWrite(byte[] frame) {
        if (frame.length != 8 || (frame[1] & 0xFF) != WRITE_SINGLE_COIL || !crcMatches(frame)) {
            return null;
        }
        return new CoilWrite(frame[0] & 0xFF, u16(frame, 2), u16(frame, 4));
    }

    /** An exception answer {@code slave, 0x85, code, crc}: the board refused the write. */
    public static byte[] exception(int slave, int code) {
        byte[] frame = {(byte) slave, (byte) (WRITE_SINGLE_COIL | 0x80), (byte) code, 0, 0};
        appendCrc(frame);
        return frame;
    }

    /** The exception code in {@code reply}, or -1 when it is not a well-formed exception answer. */
    public static int exceptionCode(byte[] reply) {
        if (reply.length >= 5 && (reply[1] & 0xFF) == (WRITE_SINGLE_COIL | 0x80) && crcMatches(Arrays.copyOf(reply, 5))) {
            return reply[2] & 0xFF;
        }
        return -1;
    }

    private static void appendCrc(byte[] frame) {
        int crc = crc16(frame, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
    }

    private static int u16(byte[] frame, int at) {
        return ((frame[at] & 0xFF) << 8) | (frame[at + 1] & 0xFF);
    }

    public record CoilWrite(int slave, int coil, int value) {
    }
}
