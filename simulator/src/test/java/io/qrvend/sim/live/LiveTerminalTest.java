package io.qrvend.sim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.live.LiveTerminal.Result;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real daemon process ({@code qrvend-sim machine}) against the simulated backend, driven only
 * through the {@code qrvend} commands and the customer's phone, as a technician and a customer would.
 */
class LiveTerminalTest {
    private static final Duration SALE_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    LiveTerminal terminal;

    @AfterEach
    void close() {
        if (terminal != null) {
            terminal.close();
        }
    }

    void start(Map<String, String> settings) throws Exception {
        terminal = LiveTerminal.create(dir, settings, new FaultPlan(1), line -> { });
        ok(terminal.qrvend("slot", "set", "A1", "--name", "Cola", "--price", "3.50", "--channel", "1", "--stock", "5"));
        ok(terminal.qrvend("slot", "set", "A2", "--name", "Water", "--price", "2.00", "--channel", "2", "--stock", "5"));
    }

    static Result ok(Result r) {
        assertEquals(0, r.exit(), r.err() + r.out());
        return r;
    }

    String buy(String slot) throws Exception {
        String order = LiveTerminal.orderOf(ok(terminal.qrvend("sell", slot)));
        terminal.awaitSale(order, s -> s.state() == SaleState.AWAITING_PAYMENT, SALE_LIMIT); // the QR is up
        assertTrue(terminal.phone().scan(order).ok());
        assertTrue(terminal.phone().pay(order).ok());
        return order;
    }

    void assertSafe() throws Exception {
        Invariants.Report report = terminal.check();
        assertTrue(report.safe(), report.violations().toString());
    }

    @Test
    void aPriceChangeDuringOperationChargesTheNextCustomer() throws Exception {
        start(Map.of());
        terminal.startDaemon(List.of());
        String first = buy("A1");
        assertEquals(SaleState.VENDED, terminal.awaitSale(first, s -> s.state().isFinal(), SALE_LIMIT).state());

        ok(terminal.qrvend("slot", "set", "A1", "--price", "4.00"));
        String second = buy("A1");
        Sale sold = terminal.awaitSale(second, s -> s.state().isFinal(), SALE_LIMIT);
        assertEquals(SaleState.VENDED, sold.state());
        assertEquals(400, sold.priceFen());
        assertEquals(400, terminal.backend().trade(second).orElseThrow().amountFen(), "the backend was asked for the new price");
        assertTrue(ok(terminal.qrvend("report")).out().contains("total      2      2        0         0      7.50      0.00      7.50"));
        assertEquals(143, terminal.stopDaemon());
        assertSafe();

        assertTrue(ok(terminal.qrvend("reconcile")).out().contains("2 finished sale(s) of the last 7 day(s) checked: 0 difference(s)"));
        // A journal that lost a vend (a bug, a restored backup) is what reconcile is for.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE sales SET state = 'CANCELLED' WHERE order_no = '" + first + "'");
        }
        Result found = terminal.qrvend("reconcile");
        assertEquals(1, found.exit(), found.err());
        assertTrue(found.out().contains("DIFFERENCE " + first + " (sale 1): journal CANCELLED but the backend has it paid 3.50: "
                + "money kept without a vend"), found.out());
        try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            assertEquals(1, journal.audit().reconciliations().size());
        }
    }

    @Test
    void aPowerCutInTheMiddleOfASaleIsFinishedAfterTheRestart() throws Exception {
        start(Map.of());
        terminal.startDaemon(List.of());
        String order = LiveTerminal.orderOf(ok(terminal.qrvend("sell", "A1")));
        terminal.awaitSale(order, s -> s.state() == SaleState.AWAITING_PAYMENT, SALE_LIMIT);
        assertTrue(terminal.phone().scan(order).ok());
        terminal.killDaemon();
        assertTrue(terminal.phone().pay(order).ok(), "the customer pays while the terminal is down");

        terminal.startDaemon(List.of());
        Sale end = terminal.awaitSale(order, s -> s.state().isFinal(), SALE_LIMIT);
        assertEquals(SaleState.VENDED, end.state(), "paid within a minute of the restart: the customer is still there");
        assertTrue(terminal.daemonLines().stream().anyMatch(l -> l.contains("recovery: 1 unfinished sale")),
                String.join("\n", terminal.daemonLines()));
        assertEquals(143, terminal.stopDaemon());
        assertSafe();
    }

    @Test
    void aStopCancelsTheUnpaidOrderAndTellsSystemd() throws Exception {
        start(Map.of());
        try (NotifySocket systemd = NotifySocket.open(dir.resolve("notify.sock"))) {
            terminal.startDaemon(List.of(), Map.of("NOTIFY_SOCKET", systemd.path().toString(), "WATCHDOG_USEC", "400000"));
            String order = LiveTerminal.orderOf(ok(terminal.qrvend("sell", "A2")));
            terminal.awaitSale(order, s -> s.state() == SaleState.AWAITING_PAYMENT, SALE_LIMIT);
            assertTrue(terminal.phone().scan(order).ok(), "scanned, so the order exists at the backend and a cancel closes it");
            assertEquals(143, terminal.stopDaemon(), "SIGTERM ends with the JVM's status for it (SuccessExitStatus=143)");
            assertEquals(SaleState.CANCELLED, terminal.awaitSale(order, s -> true, SALE_LIMIT).state());
            assertEquals(FakeAlipay.Status.TRADE_CLOSED, terminal.backend().trade(order).orElseThrow().status());
            for (String said : List.of("READY=1", "WATCHDOG=1", "STOPPING=1")) {
                systemd.await(said, Duration.ofSeconds(5));
            }
        }
        assertTrue(terminal.daemonLines().stream().anyMatch(l -> l.contains("Daemon - stopped")), terminal.daemonLines().toString());
        assertSafe();
    }

    @Test
    void refusalsAndADaemonThatIsNotRunningAreFailures() throws Exception {
        start(Map.of());
        Result notRunning = terminal.qrvend("status");
        assertEquals(1, notRunning.exit());
        assertTrue(notRunning.err().contains("qrvend is not running (no control socket at " + dir.resolve("control.sock") + ")"),
                notRunning.err());
        assertEquals(Optional.empty(), terminal.awaitJournal(j -> j.saleByOrderNo("SIM1_261122_00000001"), Duration.ofMillis(300)),
                "no daemon, no sale: the wait ends at its limit");
        terminal.startDaemon(List.of());
        Result noSlot = terminal.qrvend("sell", "Z9");
        assertEquals(1, noSlot.exit());
        assertTrue(noSlot.err().contains("There is no slot Z9"), noSlot.err());
        ok(terminal.qrvend("slot", "disable", "A2"));
        Result disabled = terminal.qrvend("sell", "A2");
        assertEquals(1, disabled.exit());
        assertTrue(disabled.err().contains("Water (A2) is not available"), disabled.err());
        Result nothingToCancel = terminal.qrvend("cancel");
        assertEquals(1, nothingToCancel.exit());
        assertTrue(nothingToCancel.err().contains("no sale is awaiting payment"), nothingToCancel.err());
        assertTrue(ok(terminal.qrvend("status")).out().contains("TEST BACKEND"));
        assertEquals(143, terminal.stopDaemon());
    }

    @Test
    void doctorPassesAGoodConfigurationAndNamesWhatIsBroken() throws Exception {
        start(Map.of());
        Result good = ok(terminal.qrvend("doctor"));
        assertTrue(good.out().contains("signed query answered, signature verified"), good.out());
        assertTrue(good.out().endsWith("verdict: OK\n"), good.out());

        Path key = dir.resolve("keys/app_private.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Result broken = terminal.qrvend("doctor");
        assertEquals(1, broken.exit());
        assertTrue(broken.out().contains("alipay.app_private_key: " + key + " is readable or writable by group or others; run: chmod 600 " + key),
                broken.out());
        assertTrue(broken.out().endsWith("verdict: FAIL\n"), broken.out());
        Result run = LiveTerminal.qrvendRaw("config", "check", terminal.config().toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(terminal.config() + ": alipay.app_private_key:"), run.err());
    }
}
