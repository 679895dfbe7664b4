package io.qrvend.drivers.relay;

import java.time.Duration;

/**
 * A board of relays that fire vend motors or coils. Channels are numbered from 1 on every board,
 * whatever the board's own numbering, so a technician's "channel 3" means the same everywhere.
 *
 * <p>Implementations switch every channel off when they open and when they close: a relay left on
 * keeps a vend motor turning.
 */
public interface RelayBoard extends AutoCloseable {

    /** How many channels the board has; valid channels are {@code 1..channels()}. */
    int channels();

    /**
     * Closes the relay of {@code channel} for {@code duration}, then opens it again, and returns
     * when it is open. Throws when the board refused, did not answer, or the channel is invalid;
     * the caller must then assume the product may or may not have dropped.
     */
    void pulse(int channel, Duration duration) throws RelayException;

    /** Switches every channel off and releases the board. */
    @Override
    void close() throws RelayException;

    /** Rejects a channel outside {@code 1..channels} with a message a technician understands. */
    static void checkChannel(int channel, int channels) throws RelayException {
        if (channel < 1 || channel > channels) {
            throw new RelayException("relay channel " + channel + " does not exist (board has channels 1.." + channels + ")");
        }
    }
}
