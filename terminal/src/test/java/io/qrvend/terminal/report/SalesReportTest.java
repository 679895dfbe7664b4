package io.qrvend.terminal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The day's report as the journal counts it in SQL, on a real file. */
class SalesReportTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    static void sell(Journal j, String slotId, SaleState end, String createdUtc) {
        Instant at = Instant.parse(createdUtc);
        Slot slot = j.catalog().slot(slotId).orElseThrow();
        Sale created = j.openSale("T1", slot, Duration.ofSeconds(3), at);
        Sale last = switch (end) {
            case VENDED -> created.paid(350, at).withState(SaleState.VENDED);
            case REFUNDED -> created.paid(350, at).refunding(created.orderNo() + "R1").refunded(350, 350);
            case CANCELLED -> created.withState(SaleState.CANCELLED);
            default -> throw new IllegalArgumentException(end.name());
        };
        j.record(created, last, "test", at, end == SaleState.VENDED);
    }

    @Test
    void countsOneLocalDayPerSlot() {
        try (Journal j = Journal.open(dir.resolve("journal.db"), Durability.OFF)) {
            j.catalog().put(new Slot("A1", "Cola", 350, 1, true, 9, true, null));
            j.catalog().put(new Slot("B2", "Tea", 350, 2, true, 9, true, null));
            sell(j, "A1", SaleState.VENDED, "2026-11-21T15:59:00Z"); // 23:59 on the 21st in Shanghai
            sell(j, "A1", SaleState.VENDED, "2026-11-21T16:00:00Z"); // 00:00 on the 22nd
            sell(j, "A1", SaleState.REFUNDED, "2026-11-22T03:00:00Z");
            sell(j, "B2", SaleState.CANCELLED, "2026-11-22T04:00:00Z");
            sell(j, "B2", SaleState.VENDED, "2026-11-22T05:00:00Z");
            sell(j, "B2", SaleState.VENDED, "2026-11-22T16:00:00Z"); // 00:00 on the 23rd

            LocalDate day = LocalDate.of(2026, 11, 22);
            SalesReport r = SalesReport.of(day, j.takings().bySlot(SalesReport.start(day, SHANGHAI), SalesReport.end(day, SHANGHAI)));
            assertEquals(new SalesReport.Line(4, 2, 1, 1, 1050, 350), r.total());
            assertEquals(700, r.total().netFen());
            assertEquals(new SalesReport.Line(2, 1, 1, 0, 700, 350), r.bySlot().get("A1"));
            assertEquals(new SalesReport.Line(2, 1, 0, 1, 350, 0), r.bySlot().get("B2"));

            assertEquals(List.of("2026-11-21T16:00:00Z", "2026-11-22T03:00:00Z", "2026-11-22T04:00:00Z", "2026-11-22T05:00:00Z",
                            "2026-11-22T16:00:00Z"),
                    j.salesSince(SalesReport.start(day, SHANGHAI)).stream().map(s -> s.createdAt().toString()).toList(),
                    "--since a day: from its local midnight on, oldest first");
            assertEquals(4, j.finishedSalesSince(Instant.parse("2026-11-22T00:00:00Z")).size());
        }
    }

    /** Per slot a customer's sale counts once, whichever wallets it offered; per wallet each order counts. */
    @Test
    void aSaleOfferingTwoWalletsCountsOncePerSlotAndOncePerWallet() {
        try (Journal j = Journal.open(dir.resolve("journal.db"), Durability.OFF)) {
            Slot cola = new Slot("A1", "Cola", 350, 1, true, 9, true, null);
            j.catalog().put(cola);
            Instant at = Instant.parse("2026-11-22T03:00:00Z");
            List<Wallet> both = List.of(Wallet.ALIPAY, Wallet.WECHAT);
            // paid with WeChat Pay; the Alipay order closed
            List<Sale> first = j.openSale("T1", cola, Duration.ofSeconds(3), both, at);
            j.record(first.get(0), first.get(0).withState(SaleState.CANCELLED), "test", at, false);
            j.record(first.get(1), first.get(1).paid(350, at).withState(SaleState.VENDED), "test", at, true);
            // paid both codes: one vended, the other refunded in full
            List<Sale> second = j.openSale("T1", cola, Duration.ofSeconds(3), both, at);
            j.record(second.get(0), second.get(0).paid(350, at).withState(SaleState.VENDED), "test", at, true);
            j.record(second.get(1), second.get(1).paidToRefund(350, at, "R1").refunded(350, 350), "test", at, false);
            // nobody paid
            List<Sale> third = j.openSale("T1", cola, Duration.ofSeconds(3), both, at);
            for (Sale o : third) {
                j.record(o, o.withState(SaleState.CANCELLED), "test", at, false);
            }

            LocalDate day = LocalDate.of(2026, 11, 22);
            Instant from = SalesReport.start(day, SHANGHAI);
            Instant until = SalesReport.end(day, SHANGHAI);
            SalesReport r = SalesReport.of(day, j.takings().bySlot(from, until), j.takings().byWallet(from, until));
            assertEquals(new SalesReport.Line(3, 2, 1, 1, 1050, 350), r.bySlot().get("A1"));
            assertEquals(700, r.total().netFen());
            assertEquals(new SalesReport.Line(3, 1, 0, 2, 350, 0), r.byWallet().get("alipay"));
            assertEquals(new SalesReport.Line(3, 1, 1, 1, 700, 350), r.byWallet().get("wechat"));
        }
    }
}
