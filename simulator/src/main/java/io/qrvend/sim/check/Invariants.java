package io.qrvend.sim.check;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.FakeAlipay.Trade;
import io.qrvend.terminal.journal.SaleHistoryEntry;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The money-safety rules of DESIGN.md, checked after a run against the backend's ledger and what
 * the machine physically did. Nothing here trusts the journal alone: each rule compares two
 * independent records.
 */
public final class Invariants {

    /** What a run came to. A run is safe when {@code violations} is empty. */
    /**
     * @param refundedNotRecorded cancelled sales whose late payment the backend's cancel refunded
     *     while the terminal was told "no such trade" (a stale or reordered answer): the money is back
     *     with the customer, only the journal's bookkeeping is wrong; {@code qrvend reconcile} finds them
     */
    public record Report(int sales, int vended, int refunded, int cancelled, int failed, int unfinished,
                         int interruptedVends, int refundedNotRecorded, List<String> violations) {
        public boolean safe() {
            return violations.isEmpty();
        }
    }

    private Invariants() {
    }

    /**
     * @param sales every sale of the journal
     * @param ledger every order of the backend
     * @param pulses relay pulses per order number
     * @param drops products that physically fell, per order number
     * @param history a sale's journaled history, to tell a vend interrupted by a power cut
     */
    public static Report check(List<Sale> sales, List<Trade> ledger, Map<String, Integer> pulses,
                               Map<String, Integer> drops, LongFunction<List<SaleHistoryEntry>> history) {
        return check(sales, ledger, pulses, drops, history, SensorFaults.NONE);
    }

    /**
     * The orders whose drop sensor failed them, known to the campaign that injected the fault: a
     * missed edge (the product fell, the sensor said nothing, the sale was refunded: the customer
     * keeps both) or a spurious edge accepted while a jammed product did not fall (the sensor lied:
     * the customer paid for nothing). The terminal trusts its sensor, so these are counted apart,
     * not as violations; any other disagreement still is one.
     */
    public record SensorFaults(Set<String> missedEdges, Set<String> spuriousEdges) {
        public static final SensorFaults NONE = new SensorFaults(Set.of(), Set.of());
    }

    public static Report check(List<Sale> sales, List<Trade> ledger, Map<String, Integer> pulses,
                               Map<String, Integer> drops, LongFunction<List<SaleHistoryEntry>> history,
                               SensorFaults sensor) {
        List<String> v = new ArrayList<>();
        Map<String, Trade> trades = new HashMap<>();
        for (Trade t : ledger) {
            trades.put(t.orderNo(), t);
            if (t.refundedFen() > t.paidFen()) {
                v.add(t.orderNo() + ": refunded " + Money.format(t.refundedFen()) + " of " + Money.format(t.paidFen()));
            }
            if (t.status() == FakeAlipay.Status.WAIT_BUYER_PAY || t.status() == FakeAlipay.Status.PRECREATED) {
                v.add(t.orderNo() + ": left open at the backend (" + t.status() + ")");
            }
        }
        Map<String, Sale> byOrder = new HashMap<>();
        int vended = 0;
        int refunded = 0;
        int cancelled = 0;
        int failed = 0;
        int unfinished = 0;
        int interrupted = 0;
        int refundedNotRecorded = 0;
        for (Sale s : sales) {
            byOrder.put(s.orderNo(), s);
            String o = s.orderNo();
            Trade t = trades.get(o);
            long paid = t == null ? 0 : t.paidFen();
            long backRefunded = t == null ? 0 : t.refundedFen();
            int p = pulses.getOrDefault(o, 0);
            int d = drops.getOrDefault(o, 0);
            if (p > 1) {
                v.add(o + ": pulsed " + p + " times");
            }
            if (p > 0 && (paid == 0 || s.paidFen() == 0)) {
                v.add(o + ": pulsed without a verified payment");
            }
            boolean kept = paid > 0 && backRefunded < paid;
            switch (s.state()) {
                case VENDED -> {
                    vended++;
                    if (!kept || paid != s.priceFen()) {
                        v.add(o + ": VENDED but the backend holds " + Money.format(paid - backRefunded) + " for it");
                    }
                }
                case REFUNDED -> {
                    refunded++;
                    if (paid == 0 || backRefunded != paid || s.refundedFen() != paid) {
                        v.add(o + ": REFUNDED " + Money.format(s.refundedFen()) + " but the backend was paid "
                                + Money.format(paid) + " and refunded " + Money.format(backRefunded));
                    }
                    if (d > 0) {
                        if (wasFoundVending(history.apply(s.id())) || sensor.missedEdges().contains(o)) {
                            interrupted++;
                        } else {
                            v.add(o + ": refunded although its product fell");
                        }
                    }
                }
                case CANCELLED, FAILED -> {
                    if (s.state() == SaleState.CANCELLED) {
                        cancelled++;
                    } else {
                        failed++;
                    }
                    if (kept) {
                        v.add(o + ": " + s.state() + " but the backend keeps " + Money.format(paid - backRefunded));
                    } else if (paid > 0) {
                        refundedNotRecorded++;
                    }
                }
                default -> {
                    unfinished++;
                    v.add(o + ": not finished (" + s.state() + ")");
                }
            }
            if (kept && d == 0 && !sensor.spuriousEdges().contains(o)) {
                v.add(o + ": the backend keeps " + Money.format(paid - backRefunded) + " but no product fell");
            }
            boolean excused = wasFoundVending(history.apply(s.id())) || sensor.missedEdges().contains(o);
            if (d > 0 && !kept && !(s.state() == SaleState.REFUNDED && excused)) {
                v.add(o + ": a product fell for a sale nobody paid for");
            }
        }
        for (Trade t : ledger) {
            if (!byOrder.containsKey(t.orderNo())) {
                v.add(t.orderNo() + ": the backend knows an order the journal does not");
            }
        }
        for (String o : pulses.keySet()) {
            if (!byOrder.containsKey(o)) {
                v.add(o + ": pulsed, but no such sale");
            }
        }
        return new Report(sales.size(), vended, refunded, cancelled, failed, unfinished, interrupted, refundedNotRecorded,
                List.copyOf(v));
    }

    /**
     * A sale found in VENDING after a restart is refunded by policy although its product may have
     * fallen: the one case where the customer may keep both, which DESIGN.md accepts over the
     * opposite risk. Counted, not a violation.
     */
    private static boolean wasFoundVending(List<SaleHistoryEntry> history) {
        return history.stream().anyMatch(h -> h.from() == SaleState.VENDING && h.to() == SaleState.VEND_FAILED
                && h.cause().startsWith("recovery:"));
    }
}
