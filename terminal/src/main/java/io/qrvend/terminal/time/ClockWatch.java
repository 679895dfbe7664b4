package io.qrvend.terminal.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Notices steps of the wall clock: at each {@link #check} the wall clock should have moved as much
 * as the monotonic one; a difference of {@link #STEP} or more either way is a step (NTP setting the
 * clock of a board without a real-time clock, a technician's {@code date -s}). Slewing by NTP moves
 * it by milliseconds and is not one. Timers run on the monotonic clock whatever happens; the step is
 * told to {@code onStep} so it can be journaled, and kept for {@code status}.
 *
 * <p>Used on the scheduler's thread, except {@link #uptime}, which any thread may read.
 */
public final class ClockWatch {
    /** A difference this large between two checks is a step, not drift. */
    public static final Duration STEP = Duration.ofMinutes(2);
    /** How often the engine checks. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    private final Consumer<ClockStep> onStep;
    private final long startNanos;
    private long lastNanos;
    private Instant lastWall;
    private ClockStep lastStep;

    public ClockWatch(Scheduler scheduler, Consumer<ClockStep> onStep) {
        this.scheduler = scheduler;
        this.onStep = onStep;
        this.startNanos = scheduler.nanoTime();
        this.lastNanos = startNanos;
        this.lastWall = scheduler.now();
    }

    /** Compares the wall clock's progress since the last check with the monotonic clock's. */
    public void check() {
        long nanos = scheduler.nanoTime();
        Instant wall = scheduler.now();
        Duration step = Duration.between(lastWall, wall).minus(Duration.ofNanos(nanos - lastNanos));
        lastNanos = nanos;
        lastWall = wall;
        if (step.abs().compareTo(STEP) >= 0) {
            lastStep = new ClockStep(wall, step);
            onStep.accept(lastStep);
        }
    }

    /** The last step noticed since the start, if any. */
    public Optional<ClockStep> lastStep() {
        return Optional.ofNullable(lastStep);
    }

    /** Time since the start, on the monotonic clock. */
    public Duration uptime() {
        return Duration.ofNanos(scheduler.nanoTime() - startNanos);
    }
}
