package io.qrvend.terminal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real SQLite file. */
class JournalTest {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final Slot COLA = new Slot("A1", "Cola", 350, 3, true, 5, true, null);

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("journal.db");
    }

    @Test
    void createsTheSchemaInWalModeWithFullSync() throws SQLException {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            assertEquals(6, j.schemaVersion());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                rs.next();
                assertEquals(6, rs.getInt(1));
            }
        }
    }

    @Test
    void testVendsAreKeptApartFromSales() {
        Instant at = Instant.parse("2026-11-22T08:00:00Z");
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
            j.audit().recordTestVend(3, Duration.ofMillis(700), "ok", at);
            j.audit().recordTestVend(9, Duration.ofMillis(500), "relay channel 9 does not exist", at.plusSeconds(1));
        }
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            assertEquals(List.of(new AuditLog.TestVend(at, 3, Duration.ofMillis(700), "ok"),
                    new AuditLog.TestVend(at.plusSeconds(1), 9, Duration.ofMillis(500), "relay channel 9 does not exist")), j.audit().testVends());
            assertEquals(List.of(), j.sales());
            assertEquals(COLA, j.catalog().slot(COLA.id()).orElseThrow(), "a test vend moves no stock");
        }
    }

    @Test
    void reopeningKeepsTheDataAndDoesNotMigrateTwice() {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
        }
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            assertEquals(List.of(COLA), j.catalog().slots());
            assertEquals(6, j.schemaVersion());
        }
    }

    @Test
    void refusesAJournalFromANewerVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), Durability.FULL));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void missingDirectoryIsNamed() {
        Path missing = dir.resolve("no/such/dir/journal.db");
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(missing, Durability.FULL));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void orderNumbersAreUniqueAcrossReopens() {
        Set<String> seen = new HashSet<>();
        for (int run = 0; run < 3; run++) {
            try (Journal j = Journal.open(file(), Durability.FULL)) {
                j.catalog().put(COLA);
                for (int i = 0; i < 5; i++) {
                    Sale s = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
                    assertTrue(seen.add(s.orderNo()), "order number repeated: " + s.orderNo());
                    assertTrue(s.orderNo().length() <= 32);
                }
            }
        }
        assertEquals(15, seen.size());
        assertTrue(seen.contains("T1_261122_00000015"), seen.toString());
    }

    @Test
    void transitionsAreRecordedWithTheirHistory() {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
            Sale created = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
            Sale awaiting = created.awaiting("https://qr/x", T0.plusSeconds(1));
            j.record(created, awaiting, "order created", T0.plusSeconds(1), false);
            Sale paid = awaiting.paid(350, T0.plusSeconds(9));
            j.record(awaiting, paid, "payment confirmed", T0.plusSeconds(9), false);

            assertEquals(paid, j.sale(created.id()).orElseThrow(), "the sale round-trips exactly");
            assertEquals(paid, j.saleByOrderNo(created.orderNo()).orElseThrow());
            List<SaleHistoryEntry> h = j.history(created.id());
            assertEquals(3, h.size());
            assertNull(h.get(0).from());
            assertEquals(SaleState.CREATED, h.get(0).to());
            assertEquals(SaleState.AWAITING_PAYMENT, h.get(1).to());
            assertEquals(SaleState.PAID, h.get(2).to());
            assertEquals("payment confirmed", h.get(2).cause());
            assertEquals(T0.plusSeconds(9), h.get(2).at());
            assertEquals(List.of(paid), j.unfinishedSales());
        }
    }

    @Test
    void stockGoesDownOnlyWithAStepThatTakesAnItem() {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
            Sale created = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
            Sale paid = created.paid(350, T0);
            j.record(created, paid, "paid", T0, false);
            Sale vending = paid.withState(SaleState.VENDING);
            j.record(paid, vending, "pulse", T0, false);
            assertEquals(5, j.catalog().slot("A1").orElseThrow().stock(), "steps that take no item leave the stock alone");
            j.record(vending, vending.withState(SaleState.VENDED), "drop", T0, true);
            assertEquals(4, j.catalog().slot("A1").orElseThrow().stock());
            assertTrue(j.unfinishedSales().isEmpty());

            Sale other = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
            Sale refunding = other.paid(350, T0).refunding(other.orderNo() + "R1");
            j.record(other, refunding, "no drop", T0, false);
            j.record(refunding, refunding.refunded(350, 350), "refunded", T0, false);
            assertEquals(4, j.catalog().slot("A1").orElseThrow().stock(), "a refunded sale gave nothing");
        }
    }

    @Test
    void aTransitionFromAStateTheJournalDoesNotHoldFails() {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
            Sale created = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
            Sale wrongBefore = created.withState(SaleState.AWAITING_PAYMENT);
            JournalException e = assertThrows(JournalException.class,
                    () -> j.record(wrongBefore, created.withState(SaleState.CANCELLING), "x", T0, false));
            assertTrue(e.getMessage().contains("is not in AWAITING_PAYMENT"), e.getMessage());
            assertEquals(1, j.history(created.id()).size(), "the failed transaction left no history row");
        }
    }

    @Test
    void historyIsAppendOnly() throws SQLException {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
            j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> st.execute("UPDATE sale_events SET cause = 'x'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> st.execute("DELETE FROM sale_events"));
        }
    }

    @Test
    void databaseRefusesANonPositivePriceOrARefundAbovePayment() {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(new Slot("Z9", "Free", 0, 1, false, 1, true, null));
            assertThrows(JournalException.class, () -> j.openSale("T1", j.catalog().slot("Z9").orElseThrow(), Duration.ofSeconds(3), T0));
            j.catalog().put(COLA);
            Sale s = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
            Sale paid = s.paid(350, T0);
            j.record(s, paid, "paid", T0, false);
            assertThrows(JournalException.class, () -> j.record(paid, paid.refunded(350, 351), "too much", T0, false));
        }
    }

    @Test
    void countersPersist() {
        try (Journal j = Journal.open(file(), Durability.OFF)) {
            assertEquals(0, j.counter("starts"));
            assertEquals(1, j.incrementCounter("starts"));
        }
        try (Journal j = Journal.open(file(), Durability.OFF)) {
            assertEquals(2, j.incrementCounter("starts"));
        }
    }

    @Test
    void slotDropWindowRoundTrips() {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            Slot slow = new Slot("B2", "Chips", 500, 4, true, 2, false, Duration.ofMillis(4500));
            j.catalog().put(slow);
            assertEquals(slow, j.catalog().slot("B2").orElseThrow());
            assertTrue(j.catalog().slot("nope").isEmpty());
        }
    }

    /**
     * A full disk (here a real SQLITE_FULL from a page limit on a real file) mid-transaction: the
     * error names it. SQLite may roll such a transaction back by itself; the ROLLBACK that then finds
     * none once replaced the cause with "cannot rollback - no transaction is active".
     */
    @Test
    void aFullDiskIsTheCauseReportedNotTheRollbackAfterIt() {
        Transactions tx = Transactions.open(file(), Durability.FULL);
        try (Journal j = new Journal(tx)) {
            j.catalog().put(COLA);
            long pages = tx.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA page_count")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            tx.read(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA max_page_count = " + (pages + 3));
                }
                return null;
            });
            String bigQr = "https://qr.alipay.com/" + "x".repeat(3000);
            JournalException full = assertThrows(JournalException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    Sale created = j.openSale("T1", COLA, Duration.ofSeconds(3), T0);
                    j.record(created, created.awaiting(bigQr, T0), "order created", T0, false);
                }
            });
            assertTrue(full.getMessage().contains("SQLITE_FULL"), full.getMessage());
            assertTrue(full.getMessage().contains(file().toString()), full.getMessage());
            for (Throwable suppressed : full.getSuppressed()) {
                assertTrue(suppressed.getMessage().contains("rollback"), "only a failed rollback is attached: " + suppressed);
            }
            assertEquals(j.sales().size(), j.sales().stream().filter(s -> j.history(s.id()).size() >= 1).count(),
                    "what was committed before the disk filled is intact");
        }
    }

    /** Recovery and the technician's queries read through an index, never the whole sales table. */
    @Test
    void queriesOfManySalesUseAnIndex() throws SQLException {
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
        }
        String columns = "SELECT id FROM sales ";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            String unfinished = plan(c, columns + Journal.UNFINISHED).get(0);
            assertTrue(unfinished.contains("INDEX sales_unfinished"), unfinished);
            for (String sql : List.of(columns + Journal.SINCE, columns + Journal.FINISHED_SINCE, Takings.TAKINGS,
                    Takings.TAKINGS_BY_WALLET)) {
                List<String> steps = plan(c, sql);
                assertTrue(steps.stream().anyMatch(step -> step.startsWith("SEARCH sales USING") && step.contains("INDEX sales_created_at")),
                        sql + ": " + steps);
                assertTrue(steps.stream().noneMatch(step -> step.startsWith("SCAN sales")), sql + ": " + steps);
            }
        }
    }

    private static List<String> plan(Connection c, String sql) throws SQLException {
        List<String> steps = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                ps.setLong(i, 0);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    steps.add(rs.getString(4));
                }
            }
        }
        return steps;
    }

    @Test
    void aJournalOfTheLastReleaseKeepsItsSalesAsSingleAlipayOrders() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement st = c.createStatement()) {
            Schema.migrate(c, file().toString(), 5);
            st.execute("INSERT INTO sales (id, order_no, slot_id, product_name, channel, sensor, drop_window_ms, price_fen, "
                    + "state, created_at, paid_at, paid_fen, updated_at) VALUES "
                    + "(7, 'T1_261101_00000007', 'A1', 'Cola', 3, 1, 3000, 350, 'VENDED', 1, 2, 350, 3), "
                    + "(8, 'T1_261101_00000008', 'A1', 'Cola', 3, 1, 3000, 350, 'AWAITING_PAYMENT', 4, NULL, 0, 4)");
        }
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            assertEquals(6, j.schemaVersion());
            Sale vended = j.sale(7).orElseThrow();
            assertEquals(Wallet.ALIPAY, vended.wallet());
            assertEquals(7, vended.groupId());
            Sale unfinished = j.unfinishedSales().get(0);
            assertEquals(8, unfinished.groupId());
            assertEquals(false, j.otherOrderPaid(unfinished), "its own group holds no other order");
        }
    }

    @Test
    void aSaleWithTwoWalletsIsTwoOrdersInOneGroupWrittenTogether() {
        Instant at = Instant.parse("2026-11-22T08:00:00Z");
        try (Journal j = Journal.open(file(), Durability.FULL)) {
            j.catalog().put(COLA);
            List<Sale> orders = j.openSale("T1", COLA, Duration.ofSeconds(3), List.of(Wallet.ALIPAY, Wallet.WECHAT), at);
            assertEquals(2, orders.size());
            Sale alipay = orders.get(0);
            Sale wechat = orders.get(1);
            assertEquals(List.of(Wallet.ALIPAY, Wallet.WECHAT), List.of(alipay.wallet(), wechat.wallet()));
            assertEquals(alipay.id(), alipay.groupId());
            assertEquals(alipay.id(), wechat.groupId());
            assertTrue(!alipay.orderNo().equals(wechat.orderNo()), "each backend gets its own order number");
            assertEquals(orders, j.unfinishedSales(), "both are on disk as returned");

            assertEquals(false, j.otherOrderPaid(wechat));
            Sale paid = alipay.awaiting("qr", at).paid(350, at);
            j.record(alipay, alipay.awaiting("qr", at), "qr", at, false);
            j.record(alipay.awaiting("qr", at), paid, "paid", at, false);
            assertTrue(j.otherOrderPaid(wechat), "the WeChat order lost to the Alipay payment");
            assertEquals(false, j.otherOrderPaid(alipay), "a sale's own payment does not make it lost");

            Sale next = j.openSale("T1", COLA, Duration.ofSeconds(3), List.of(Wallet.ALIPAY, Wallet.WECHAT), at).get(1);
            assertEquals(false, j.otherOrderPaid(next), "another sale's payment is not this sale's");
        }
    }
}
