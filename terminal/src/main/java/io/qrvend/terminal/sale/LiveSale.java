package io.qrvend.terminal.sale;

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
 */
public record LiveSale(Sale sale, int lastRequest, int awaited, boolean scanned, int failures,
                       boolean recovered) {

    public static LiveSale fresh(Sale sale) {
        return new LiveSale(sale, 0, 0, false, 0, false);
    }

    public static LiveSale recovered(Sale sale) {
        return new LiveSale(sale, 0, 0, false, 0, true);
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
            return new LiveSale(next, lastRequest, 0, scanned, 0, recovered);
        }
        return new LiveSale(next, lastRequest, awaited, scanned, failures, recovered);
    }

    /** A new request is made; its answer is the one awaited. */
    public LiveSale request() {
        return new LiveSale(sale, lastRequest + 1, lastRequest + 1, scanned, failures, recovered);
    }

    public boolean awaits(int request) {
        return awaited != 0 && awaited == request;
    }

    /** The awaited answer arrived and was usable. */
    public LiveSale answered() {
        return new LiveSale(sale, lastRequest, 0, scanned, 0, recovered);
    }

    /** The awaited answer arrived and was not usable. */
    public LiveSale failed() {
        return new LiveSale(sale, lastRequest, 0, scanned, failures + 1, recovered);
    }

    public LiveSale withScanned() {
        return new LiveSale(sale, lastRequest, 0, true, 0, recovered);
    }
}
