package io.qrvend.terminal.vend;

import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.drivers.relay.RelayException;
import java.time.Duration;

/** Vends by pulsing a channel of a relay board, whichever kind of board it is. */
public final class RelayVendMechanism implements VendMechanism {
    private final RelayBoard board;

    public RelayVendMechanism(RelayBoard board) {
        this.board = board;
    }

    @Override
    public void pulse(int channel, Duration duration) throws VendException {
        try {
            board.pulse(channel, duration);
        } catch (RelayException e) {
            throw new VendException("relay channel " + channel + ": " + e.getMessage(), e);
        }
    }
}
