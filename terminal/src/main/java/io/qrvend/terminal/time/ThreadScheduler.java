package io.qrvend.terminal.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine thread of a running terminal. Delays are measured by the JVM's monotonic clock, so a
 * wall-clock step (NTP after boot on a board without a real-time clock) neither fires nor holds
 * back a timer.
 */
public final class ThreadScheduler implements Scheduler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ThreadScheduler.class);

    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;

    public ThreadScheduler(String threadName, Clock clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Journal times are stored in milliseconds; keeping that precision makes them round-trip. */
    @Override
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The JVM's monotonic clock, the one the executor's delays run on. */
    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** After {@link #close}, a task is dropped, as the tasks still queued then are (e.g. the answer to an abandoned call). */
    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("engine thread closed; a task is dropped");
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            log.debug("engine thread closed; a timer is dropped");
            return () -> { };
        }
    }

    /** An exception escaping a task would otherwise vanish into its future, unseen. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                log.error("engine task failed", t);
            }
        };
    }

    /** Stops the thread; tasks still queued are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("engine thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
