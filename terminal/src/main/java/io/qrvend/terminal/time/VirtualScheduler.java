package io.qrvend.terminal.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Time that passes only when told to, on the caller's thread: the same engine that runs in real
 * time in the daemon runs here reproducibly and as fast as the CPU allows. Tasks due at the same
 * moment run in the order they were queued.
 *
 * <p>The wall clock can be stepped ({@link #stepWallClock}) without moving monotonic time, as NTP
 * does to a board that booted with a wrong clock.
 */
public final class VirtualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final long wallOrigin;
    // Volatile: simulated backends on other threads (HTTP handlers) read the clock.
    private volatile long monotonicMillis;
    private volatile long wallStepMillis;
    private long sequence;

    public VirtualScheduler(Instant start) {
        this.wallOrigin = start.toEpochMilli();
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(wallOrigin + monotonicMillis + wallStepMillis);
    }

    /** Virtual monotonic time: what {@link #advance} moves and {@link #stepWallClock} does not. */
    @Override
    public long nanoTime() {
        return monotonicMillis * 1_000_000L;
    }

    /** Milliseconds of virtual time since this scheduler started. */
    public long elapsedMillis() {
        return monotonicMillis;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(new Task(monotonicMillis, sequence++, task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(monotonicMillis + Math.max(0, delay.toMillis()), sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    public void stepWallClock(Duration step) {
        wallStepMillis += step.toMillis();
    }

    /** Runs every task due within {@code duration}, then leaves the clock at its end. */
    public void advance(Duration duration) {
        long end = monotonicMillis + duration.toMillis();
        while (runNextDueBy(end)) {
            // each call runs one task
        }
        monotonicMillis = end;
    }

    /**
     * Runs tasks in time order until {@code done} holds, or {@code limit} of virtual time has
     * passed. Returns whether {@code done} holds.
     */
    public boolean runUntil(BooleanSupplier done, Duration limit) {
        long end = monotonicMillis + limit.toMillis();
        while (!done.getAsBoolean()) {
            if (!runNextDueBy(end)) {
                monotonicMillis = Math.max(monotonicMillis, end);
                return done.getAsBoolean();
            }
        }
        return true;
    }

    /** Runs the tasks due now, without letting time pass. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks still queued and not cancelled. */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }

    private boolean runNextDueBy(long end) {
        Task next;
        do {
            next = queue.peek();
            if (next == null || next.due > end) {
                return false;
            }
            queue.poll();
        } while (next.cancelled);
        monotonicMillis = Math.max(monotonicMillis, next.due);
        next.task.run();
        return true;
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Task(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
