package io.qrvend.terminal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesReportTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Sale sale(long id, String slot, SaleState state, String createdUtc, long paid, long refunded) {
        return new Sale(id, "T1_" + id, slot, "P" + slot, 1, true, Duration.ofSeconds(3), 350, state, Instant.parse(createdUtc), null,
                null, false, paid > 0 ? Instant.parse(createdUtc) : null, paid, refunded > 0 ? "T1_" + id + "R1" : null, refunded);
    }

    @Test
    void countsOneLocalDayPerSlot() {
        List<Sale> sales = List.of(
                sale(1, "A1", SaleState.VENDED, "2026-11-21T15:59:00Z", 350, 0), // 23:59 on the 21st in Shanghai
                sale(2, "A1", SaleState.VENDED, "2026-11-21T16:01:00Z", 350, 0), // 00:01 on the 22nd
                sale(3, "A1", SaleState.REFUNDED, "2026-11-22T03:00:00Z", 350, 350),
                sale(4, "B2", SaleState.CANCELLED, "2026-11-22T04:00:00Z", 0, 0),
                sale(5, "B2", SaleState.VENDED, "2026-11-22T05:00:00Z", 350, 0));
        SalesReport r = SalesReport.of(sales, LocalDate.of(2026, 11, 22), SHANGHAI);
        assertEquals(new SalesReport.Line(4, 2, 1, 1, 1050, 350), r.total());
        assertEquals(700, r.total().netFen());
        assertEquals(new SalesReport.Line(2, 1, 1, 0, 700, 350), r.bySlot().get("A1"));
        assertEquals(new SalesReport.Line(2, 1, 0, 1, 350, 0), r.bySlot().get("B2"));
    }
}
