package io.qrvend.terminal.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * A day's takings from the journal: sales started that day (local time), how many were paid, money
 * taken, refunded and kept, per slot and in total, and per wallet. The journal counts them in SQL
 * ({@code journal.Takings}); this adds them up. Per slot a customer's
 * sale counts once, whatever number of wallets it offered; per wallet each order counts.
 */
public record SalesReport(LocalDate day, Line total, Map<String, Line> bySlot, Map<String, Line> byWallet) {

    /** Counts and money (fen) of one slot or of the whole machine. */
    public record Line(int sales, int vended, int refunded, int cancelled, long grossFen, long refundsFen) {
        public long netFen() {
            return grossFen - refundsFen;
        }

        Line plus(Line o) {
            return new Line(sales + o.sales, vended + o.vended, refunded + o.refunded, cancelled + o.cancelled,
                    grossFen + o.grossFen, refundsFen + o.refundsFen);
        }
    }

    private static final Line EMPTY = new Line(0, 0, 0, 0, 0, 0);

    public static SalesReport of(LocalDate day, Map<String, Line> bySlot) {
        return of(day, bySlot, Map.of());
    }

    public static SalesReport of(LocalDate day, Map<String, Line> bySlot, Map<String, Line> byWallet) {
        Line total = EMPTY;
        for (Line l : bySlot.values()) {
            total = total.plus(l);
        }
        return new SalesReport(day, total, new TreeMap<>(bySlot), new TreeMap<>(byWallet));
    }

    /** The first instant of {@code day} in {@code zone}. */
    public static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code day} in {@code zone} (days are not always 24 h long). */
    public static Instant end(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
