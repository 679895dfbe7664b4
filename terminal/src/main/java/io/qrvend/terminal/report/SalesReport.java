package io.qrvend.terminal.report;

import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A day's takings from the journal: sales started that day (local time), how many were paid, money
 * taken, refunded and kept, per slot and in total.
 */
public record SalesReport(LocalDate day, Line total, Map<String, Line> bySlot) {

    /** Counts and money (fen) of one slot or of the whole machine. */
    public record Line(int sales, int vended, int refunded, int cancelled, long grossFen, long refundsFen) {
        public long netFen() {
            return grossFen - refundsFen;
        }

        Line plus(Sale s) {
            return new Line(sales + 1, vended + (s.state() == SaleState.VENDED ? 1 : 0),
                    refunded + (s.state() == SaleState.REFUNDED ? 1 : 0),
                    cancelled + (s.state() == SaleState.CANCELLED ? 1 : 0),
                    grossFen + s.paidFen(), refundsFen + s.refundedFen());
        }
    }

    private static final Line EMPTY = new Line(0, 0, 0, 0, 0, 0);

    public static SalesReport of(List<Sale> sales, LocalDate day, ZoneId zone) {
        Line total = EMPTY;
        Map<String, Line> bySlot = new TreeMap<>();
        for (Sale s : sales) {
            if (!s.createdAt().atZone(zone).toLocalDate().equals(day)) {
                continue;
            }
            total = total.plus(s);
            bySlot.put(s.slotId(), bySlot.getOrDefault(s.slotId(), EMPTY).plus(s));
        }
        return new SalesReport(day, total, bySlot);
    }
}
