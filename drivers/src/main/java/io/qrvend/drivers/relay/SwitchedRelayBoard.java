package io.qrvend.drivers.relay;

import java.time.Duration;

/**
 * A board whose channels the host switches on and off itself, timing the pulse with a {@link Pause}
 * (never Pi4J's {@code pulse()}, which ends with a toggle rather than an explicit off). The relay is
 * switched off whatever happens during the pulse, and every channel is switched off at start and stop.
 */
abstract class SwitchedRelayBoard implements RelayBoard {
    private final int channels;
    final Pause pause;

    SwitchedRelayBoard(int channels, Pause pause) {
        if (channels < 1) {
            throw new IllegalArgumentException("a relay board needs at least one channel, was " + channels);
        }
        this.channels = channels;
        this.pause = pause;
    }

    /** Switches one channel; throws when the board refused or could not be reached. */
    abstract void set(int channel, boolean on) throws RelayException;

    /** Releases the port or pins after every channel was switched off. */
    abstract void release();

    @Override
    public final int channels() {
        return channels;
    }

    @Override
    public void pulse(int channel, Duration duration) throws RelayException {
        RelayBoard.checkChannel(channel, channels);
        checkDuration(duration);
        RelayException failure = null;
        try {
            set(channel, true);
            pause.hold(duration);
        } catch (RelayException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new RelayException("pulse on channel " + channel + " was interrupted; the relay was switched off early");
        }
        try {
            set(channel, false);
        } catch (RelayException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Switches every channel off, reporting the first channel that could not be switched. */
    final void allOff() throws RelayException {
        RelayException first = null;
        for (int channel = 1; channel <= channels; channel++) {
            try {
                set(channel, false);
            } catch (RelayException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() throws RelayException {
        try {
            allOff();
        } finally {
            release();
        }
    }

    static void checkDuration(Duration duration) throws RelayException {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new RelayException("a relay pulse must last between 1 ms and 1 min, was " + duration.toMillis() + " ms");
        }
    }
}
