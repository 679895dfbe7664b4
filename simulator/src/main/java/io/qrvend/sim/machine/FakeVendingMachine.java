package io.qrvend.sim.machine;

import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.drivers.relay.RelayException;
import io.qrvend.terminal.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * A vending machine's mechanics in software: a pulse on a channel drops that channel's product
 * after a delay, and the drop sensor sees it, unless the channel is jammed (the motor turns, nothing
 * falls) or its relay is broken (the board reports a fault). Records every pulse and every drop.
 */
public final class FakeVendingMachine implements RelayBoard {
    private final int channels;
    private final Scheduler scheduler;
    private final Duration dropDelay;
    private final Set<Integer> jammed = new HashSet<>();
    private final Set<Integer> broken = new HashSet<>();
    private final Set<Integer> empty = new HashSet<>();
    private final List<Integer> pulses = new ArrayList<>();
    private final List<Integer> drops = new ArrayList<>();
    private final List<IntConsumer> dropWatchers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Integer, Boolean>> motorWatchers = new CopyOnWriteArrayList<>();

    public FakeVendingMachine(int channels, Scheduler scheduler, Duration dropDelay) {
        this.channels = channels;
        this.scheduler = scheduler;
        this.dropDelay = dropDelay;
    }

    /** Adds someone who watches the motors: called with the channel and whether its product will fall. */
    public void onMotor(BiConsumer<Integer, Boolean> watcher) {
        motorWatchers.add(watcher);
    }

    /** Adds someone who sees products fall (a drop sensor, a check): called with the channel. */
    public void onDrop(IntConsumer watcher) {
        dropWatchers.add(watcher);
    }

    public synchronized void jam(int channel, boolean on) {
        if (on) {
            jammed.add(channel);
        } else {
            jammed.remove(channel);
        }
    }

    /** An empty channel turns its motor and drops nothing, like a jam. */
    public synchronized void empty(int channel, boolean on) {
        if (on) {
            empty.add(channel);
        } else {
            empty.remove(channel);
        }
    }

    public synchronized void breakRelay(int channel, boolean on) {
        if (on) {
            broken.add(channel);
        } else {
            broken.remove(channel);
        }
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void pulse(int channel, Duration duration) throws RelayException {
        RelayBoard.checkChannel(channel, channels);
        synchronized (this) {
            if (broken.contains(channel)) {
                throw new RelayException("simulated relay fault on channel " + channel);
            }
        }
        motorPulsed(channel);
    }

    /**
     * The motor of {@code channel} turned, however it was told to (a modelled relay here, a mock
     * GPIO pin or a serial board elsewhere): its product falls after the delay unless the channel
     * is jammed or empty.
     */
    public void motorPulsed(int channel) {
        boolean falls;
        synchronized (this) {
            pulses.add(channel);
            falls = !jammed.contains(channel) && !empty.contains(channel);
        }
        for (BiConsumer<Integer, Boolean> watcher : motorWatchers) {
            watcher.accept(channel, falls);
        }
        if (falls) {
            scheduler.schedule(dropDelay, () -> {
                synchronized (this) {
                    drops.add(channel);
                }
                dropWatchers.forEach(w -> w.accept(channel));
            });
        }
    }

    /** Channels pulsed, in order. */
    public synchronized List<Integer> pulses() {
        return List.copyOf(pulses);
    }

    /** Channels whose product fell, in order. */
    public synchronized List<Integer> drops() {
        return List.copyOf(drops);
    }

    @Override
    public void close() {
        // a model has no relay to switch off
    }
}
