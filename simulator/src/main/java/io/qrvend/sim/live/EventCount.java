package io.qrvend.sim.live;

import java.util.concurrent.TimeUnit;

/**
 * Counts things that happened (a line of the daemon's output, its exit) and lets a thread wait for
 * the next one: a waiter notes {@link #now}, looks, and if it did not find what it wanted waits with
 * {@link #awaitAfter} instead of polling on a timer. Nothing that happens between the look and the
 * wait is missed, because the count moved.
 */
final class EventCount {
    private long count;

    synchronized void happened() {
        count++;
        notifyAll();
    }

    synchronized long now() {
        return count;
    }

    /** Waits until something happened after {@code seen}; false once {@code giveUp} (nanoTime) passed. */
    synchronized boolean awaitAfter(long seen, long giveUp) throws InterruptedException {
        while (count == seen) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
