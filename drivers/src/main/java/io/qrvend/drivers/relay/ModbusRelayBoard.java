package io.qrvend.drivers.relay;

import io.qrvend.drivers.serial.Hex;
import io.qrvend.drivers.serial.SerialLink;
import io.qrvend.drivers.serial.SerialPorts;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Modbus RTU relay boards (Waveshare, LCTech and alike): channel N is coil N-1, switched with
 * function 05. Every write must come back as its exact echo within the reply timeout; silence, an
 * exception answer or anything else is an error naming the port, because a relay the host cannot
 * account for may be turning a motor.
 *
 * <p>With {@code flash}, a pulse is one write of Waveshare's "flash on" coil and the board times the
 * pulse itself, so a host that dies mid-pulse cannot leave the relay closed.
 */
public final class ModbusRelayBoard extends SwitchedRelayBoard {
    private static final Duration FLASH_UNIT = Duration.ofMillis(100);

    private final SerialLink link;
    private final int slave;
    private final Duration replyTimeout;
    private final boolean flash;

    /** Takes ownership of {@code link} and switches every channel off, each write checked. */
    public ModbusRelayBoard(SerialLink link, Settings settings, Pause pause) throws RelayException {
        super(settings.channels(), pause);
        this.link = link;
        this.slave = settings.slave();
        this.replyTimeout = settings.replyTimeout();
        this.flash = settings.flash();
        try {
            allOff();
        } catch (RelayException e) {
            link.close();
            throw e;
        }
    }

    public static ModbusRelayBoard open(String port, int baud, Settings settings, Pause pause) throws RelayException {
        SerialLink link;
        try {
            link = SerialPorts.open(port, baud);
        } catch (IOException e) {
            throw new RelayException("Modbus relay board: " + e.getMessage(), e);
        }
        return new ModbusRelayBoard(link, settings, pause);
    }

    /** How the board is addressed: slave 1..247 (255 for LCTech's factory default), channels, timing. */
    public record Settings(int slave, int channels, Duration replyTimeout, boolean flash) {
        public Settings {
            if (slave < 1 || slave > 255) {
                throw new IllegalArgumentException("Modbus slave address must be 1..255, was " + slave);
            }
            if (replyTimeout.isNegative() || replyTimeout.isZero()) {
                throw new IllegalArgumentException("Modbus reply timeout must be positive");
            }
        }
    }

    @Override
    public void pulse(int channel, Duration duration) throws RelayException {
        if (!flash) {
            super.pulse(channel, duration);
            return;
        }
        RelayBoard.checkChannel(channel, channels());
        checkDuration(duration);
        if (duration.toMillis() % FLASH_UNIT.toMillis() != 0) {
            throw new RelayException("a board-timed (flash) pulse lasts whole tenths of a second, was " + duration.toMillis() + " ms");
        }
        write(ModbusFrames.FLASH_ON_BASE + channel - 1, (int) (duration.toMillis() / FLASH_UNIT.toMillis()), channel);
        try {
            pause.hold(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayException("waiting for the board-timed pulse on channel " + channel + " was interrupted");
        }
    }

    @Override
    void set(int channel, boolean on) throws RelayException {
        write(channel - 1, on ? ModbusFrames.COIL_ON : ModbusFrames.COIL_OFF, channel);
    }

    private void write(int coil, int value, int channel) throws RelayException {
        byte[] request = ModbusFrames.writeSingleCoil(slave, coil, value);
        byte[] reply;
        try {
            link.discardInput();
            link.write(request);
            reply = link.read(request.length, replyTimeout);
        } catch (IOException e) {
            throw failure(channel, e.getMessage(), e);
        }
        if (Arrays.equals(reply, request)) {
            return;
        }
        if (reply.length == 0) {
            throw failure(channel, "no answer from slave " + slave + " within " + replyTimeout.toMillis() + " ms", null);
        }
        int code = ModbusFrames.exceptionCode(reply);
        if (code >= 0) {
            throw failure(channel, "slave " + slave + " refused the write with Modbus exception " + code, null);
        }
        throw failure(channel, "answer " + Hex.of(reply) + " does not echo request " + Hex.of(request), null);
    }

    private RelayException failure(int channel, String why, Throwable cause) {
        return new RelayException("Modbus relay board on " + link.port() + ", channel " + channel + ": " + why, cause);
    }

    @Override
    void release() {
        link.close();
    }

    @Override
    public String toString() {
        return "Modbus relay board on " + link.port() + " (slave " + slave + ", " + channels() + " channels"
                + (flash ? ", board-timed pulses)" : ")");
    }
}
