package io.qrvend.drivers.relay;

import io.qrvend.drivers.serial.SerialLink;
import io.qrvend.drivers.serial.SerialPorts;
import java.io.IOException;

/**
 * LCUS USB relays (CH340, 9600 8N1). They never acknowledge, so a write that left the port is all
 * the host can know: whether the product dropped is the drop sensor's to tell.
 */
public final class LcusRelayBoard extends SwitchedRelayBoard {
    public static final int BAUD = 9600;

    private final SerialLink link;

    /** Takes ownership of {@code link} and switches every channel off. */
    public LcusRelayBoard(SerialLink link, int channels, Pause pause) throws RelayException {
        super(channels, pause);
        this.link = link;
        try {
            allOff();
        } catch (RelayException e) {
            link.close();
            throw e;
        }
    }

    /** Opens {@code port} at 9600 baud; a port that cannot be opened is a {@link RelayException} naming it. */
    public static LcusRelayBoard open(String port, int channels, Pause pause) throws RelayException {
        SerialLink link;
        try {
            link = SerialPorts.open(port, BAUD);
        } catch (IOException e) {
            throw new RelayException("LCUS relay board: " + e.getMessage(), e);
        }
        return new LcusRelayBoard(link, channels, pause);
    }

    @Override
    void set(int channel, boolean on) throws RelayException {
        try {
            link.write(LcusFrames.command(channel, on));
        } catch (IOException e) {
            throw new RelayException("LCUS relay board on " + link.port() + ": could not switch channel " + channel
                    + (on ? " on: " : " off: ") + e.getMessage(), e);
        }
    }

    @Override
    void release() {
        link.close();
    }

    @Override
    public String toString() {
        return "LCUS relay board on " + link.port() + " (" + channels() + " channels)";
    }
}
