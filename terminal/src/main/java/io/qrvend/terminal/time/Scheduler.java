package io.qrvend.terminal.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The engine's thread and its sense of time. Every engine task runs through one scheduler, one at
 * a time, so engine state needs no locks. The daemon uses {@link ThreadScheduler}; tests and the
 * simulator use {@link VirtualScheduler}, where time passes only when told to.
 */
public interface Scheduler {

    /** Wall-clock time, for the journal and what people read. Never used to measure a delay. */
    Instant now();

    /**
     * The monotonic clock in nanoseconds, for every duration (an uptime, the age of a sale): it
     * never jumps when the wall clock is stepped. Only differences between two readings mean anything.
     */
    long nanoTime();

    /** Runs {@code task} on the engine thread after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} on the engine thread after {@code delay} of monotonic time. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off. Cancelling a task that already ran does nothing. */
    interface Cancellable {
        void cancel();
    }
}
