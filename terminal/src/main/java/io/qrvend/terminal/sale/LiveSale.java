package io.qrvend.terminal.sale;

import java.time.Duration;

/**
 * A sale while the engine works on it: the persisted {@link Sale} plus what only matters until
 * the process ends, and is rebuilt by recovery after a restart.
 *
 * @param lastRequest number of the last backend or relay request made for this sale
 * @param awaited the request whose answer decides the next step, or 0 when none is outstanding;
 *     answers to other requests are duplicates or late, and only facts among them count
 * @param scanned the backend said the customer scanned, so polling is fast
 * @param failures consecutive unusable answers, for back-off
 * @param recovered this sale was found unfinished at start, so its customer may have left
 * @param openedNanos the monotonic clock when this process opened the sale, to measure its age
 *     whatever the wall clock does. A recovered sale counts as opened at recovery: no clock that
 *     survives a restart can tell its true age, and the journal's wall-clock times can make it look
 *     older than it is (a step forward before the crash or during the downtime), which would give
 *     up an order the backend still takes payments for. Counting from recovery can only make it
 *     look younger, which costs a few minutes' watch in the background, never money
 * @param lost another order of the same customer's sale was paid first: this one must never vend,
 *     and a payment found on it is refunded. Recovery derives it from the journal (a sibling order
 *     with a payment), so it need not be persisted with this order
 */
public record LiveSale(Sale sale, int lastRequest, int awaited, boolean scanned, int failures,
                       boolean recovered, long openedNanos, boolean lost) {

    /** A sale opened now; {@code openedNanos} is the scheduler's monotonic clock. */
    public static LiveSale fresh(Sale sale, long openedNanos) {
        return new LiveSale(sale, 0, 0, false, 0, false, openedNanos, false);
    }

    /** A sale found unfinished at start, recovered when the monotonic clock read 0. */
    public static LiveSale recovered(Sale sale) {
        return recovered(sale, false, 0);
    }

    /**
     * A sale found unfinished at start, when the monotonic clock read {@code nanos}; {@code lost} if
     * the journal holds a payment of another order of its group.
     */
    public static LiveSale recovered(Sale sale, boolean lost, long nanos) {
        return new LiveSale(sale, 0, 0, false, 0, true, nanos, lost);
    }

    /** How long ago the sale was opened (by this process, or recovered), on the monotonic clock. */
    public Duration age(long nowNanos) {
        return Duration.ofNanos(nowNanos - openedNanos);
    }

    public long id() {
        return sale.id();
    }

    public SaleState state() {
        return sale.state();
    }

    /**
     * The sale changed. On a change of state nothing is awaited any more and the failure count
     * starts again: answers to requests of the previous state no longer decide anything.
     */
    public LiveSale with(Sale next) {
        if (next.state() != sale.state()) {
            return new LiveSale(next, lastRequest, 0, scanned, 0, recovered, openedNanos, lost);
        }
        return new LiveSale(next, lastRequest, awaited, scanned, failures, recovered, openedNanos, lost);
    }

    /** A new request is made; its answer is the one awaited. */
    public LiveSale request() {
        return new LiveSale(sale, lastRequest + 1, lastRequest + 1, scanned, failures, recovered, openedNanos, lost);
    }

    public boolean awaits(int request) {
        return awaited != 0 && awaited == request;
    }

    /** The awaited answer arrived and was usable. */
    public LiveSale answered() {
        return new LiveSale(sale, lastRequest, 0, scanned, 0, recovered, openedNanos, lost);
    }

    /** The awaited answer arrived and was not usable. */
    public LiveSale failed() {
        return new LiveSale(sale, lastRequest, 0, scanned, failures + 1, recovered, openedNanos, lost);
    }

    /** Another order of this customer's sale was paid: this one ends without a vend. */
    public LiveSale asLost() {
        return new LiveSale(sale, lastRequest, awaited, scanned, failures, recovered, openedNanos, true);
    }

    public LiveSale withScanned() {
        return new LiveSale(sale, lastRequest, 0, true, 0, recovered, openedNanos, lost);
    }
}
