package io.qrvend.sim.check;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.FakeAlipay.Trade;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.terminal.journal.SaleHistoryEntry;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.util.ArrayList;
import java.util.Comparator;
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
    /**
     * @param secondPaymentsRefunded customers' sales with two wallets where both orders were paid
     *     and one payment went back in full, as it must
     */
    public record Report(int sales, int vended, int refunded, int cancelled, int failed, int unfinished,
                         int interruptedVends, int refundedNotRecorded, int secondPaymentsRefunded, List<String> violations) {
        public boolean safe() {
            return violations.isEmpty();
        }
    }

    private Invariants() {
    }

    /**
     * One order as a wallet's backend holds it, whichever wallet: what it was paid, what went back,
     * and whether it is still open (payable, or waiting to be) when the run ends.
     */
    public record BackendOrder(String orderNo, long paidFen, long refundedFen, boolean open, String state) {

        public static List<BackendOrder> alipay(List<Trade> ledger) {
            return ledger.stream().map(t -> new BackendOrder(t.orderNo(), t.paidFen(), t.refundedFen(),
                    t.status() == FakeAlipay.Status.WAIT_BUYER_PAY || t.status() == FakeAlipay.Status.PRECREATED,
                    t.status().name())).toList();
        }

        /** A WeChat Pay order reports NOTPAY until it is closed, expired or not: only a close ends it. */
        public static List<BackendOrder> wechat(List<FakeWechatPay.Trade> ledger) {
            return ledger.stream().map(t -> new BackendOrder(t.outTradeNo(), t.paidFen(), t.refundedFen(),
                    t.state() == FakeWechatPay.TradeState.NOTPAY || t.state() == FakeWechatPay.TradeState.USERPAYING,
                    t.state().name())).toList();
        }
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
        return checkOrders(sales, BackendOrder.alipay(ledger), pulses, drops, history, sensor);
    }

    /**
     * The rules over every order of every wallet's backend ({@code orders}: all backends' ledgers
     * together), and per customer's sale (the orders of one group): at most one payment kept, every
     * other one refunded in full.
     */
    public static Report checkOrders(List<Sale> sales, List<BackendOrder> orders, Map<String, Integer> pulses,
                                     Map<String, Integer> drops, LongFunction<List<SaleHistoryEntry>> history,
                                     SensorFaults sensor) {
        List<String> v = new ArrayList<>();
        Map<String, BackendOrder> trades = new HashMap<>();
        for (BackendOrder t : orders) {
            trades.put(t.orderNo(), t);
            if (t.refundedFen() > t.paidFen()) {
                v.add(t.orderNo() + ": refunded " + Money.format(t.refundedFen()) + " of " + Money.format(t.paidFen()));
            }
            if (t.open()) {
                v.add(t.orderNo() + ": left open at the backend (" + t.state() + ")");
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
            BackendOrder t = trades.get(o);
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
        int secondPayments = groups(sales, trades, v);
        for (BackendOrder t : orders) {
            if (!byOrder.containsKey(t.orderNo())) {
                v.add(t.orderNo() + ": the backend knows an order the journal does not");
            }
        }
        for (String o : pulses.keySet()) {
            if (!byOrder.containsKey(o)) {
                v.add(o + ": pulsed, but no such sale");
            }
        }
        // a customer's sale is a group of orders, one per wallet it offered; the other counts are per order
        int customerSales = (int) sales.stream().mapToLong(Sale::groupId).distinct().count();
        return new Report(customerSales, vended, refunded, cancelled, failed, unfinished, interrupted, refundedNotRecorded,
                secondPayments, List.copyOf(v));
    }

    /**
     * Per customer's sale: at most one of its orders keeps money, and at most one vended. Returns how
     * many sales had a second payment that went back in full.
     */
    private static int groups(List<Sale> sales, Map<String, BackendOrder> trades, List<String> v) {
        Map<Long, List<Sale>> byGroup = new HashMap<>();
        for (Sale s : sales) {
            byGroup.computeIfAbsent(s.groupId(), g -> new ArrayList<>()).add(s);
        }
        int secondPayments = 0;
        for (List<Sale> group : byGroup.values()) {
            if (group.size() < 2) {
                continue;
            }
            group.sort(Comparator.comparingLong(Sale::id));
            int paid = 0;
            int kept = 0;
            for (Sale s : group) {
                BackendOrder t = trades.get(s.orderNo());
                if (t != null && t.paidFen() > 0) {
                    paid++;
                    if (t.refundedFen() < t.paidFen()) {
                        kept++;
                    }
                }
            }
            long vended = group.stream().filter(s -> s.state() == SaleState.VENDED).count();
            String first = group.get(0).orderNo();
            if (kept > 1) {
                v.add(first + ": the customer's sale keeps " + kept + " payments (orders "
                        + group.stream().map(Sale::orderNo).toList() + ")");
            }
            if (vended > 1) {
                v.add(first + ": the customer's sale vended " + vended + " times");
            }
            if (paid > 1 && kept <= 1) {
                secondPayments++;
            }
        }
        return secondPayments;
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
