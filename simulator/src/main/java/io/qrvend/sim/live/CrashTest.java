package io.qrvend.sim.live;

import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.live.LiveTerminal.Result;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jepsen-style: the real daemon process against the simulated backend over HTTP, customers arriving
 * all the time, and the daemon killed with SIGKILL at random moments and restarted each time. At the
 * end it waits for every sale to finish and checks the journal against the backend's ledger and the
 * machine's own log of pulses and drops.
 */
public final class CrashTest {
    private static final List<String> SLOTS = List.of("A1", "A2", "B1", "B2");
    private static final Duration QUIESCENCE = Duration.ofMinutes(8);

    private final PrintStream out;
    private final SplittableRandom random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger attempts = new AtomicInteger();

    public CrashTest(PrintStream out, long seed) {
        this.out = out;
        this.random = new SplittableRandom(seed);
    }

    /** Runs {@code kills} kill-and-restart cycles; true if no invariant was violated. */
    public boolean run(Path dir, int kills) throws Exception {
        try (LiveTerminal terminal = LiveTerminal.create(dir, Map.of("sale.payment_window", "8s", "sale.drop_window", "2s"),
                new FaultPlan(1), line -> { })) {
            for (int i = 0; i < SLOTS.size(); i++) {
                check(terminal.qrvend("slot", "set", SLOTS.get(i), "--name", "Product " + (i + 1), "--price", (i + 2) + ".00",
                        "--channel", String.valueOf(i + 1), "--stock", "100000"));
            }
            terminal.startDaemon(List.of());
            Thread customers = new Thread(() -> customers(terminal, new SplittableRandom(random.nextLong())), "crash-test-customers");
            customers.start();
            long started = System.nanoTime();
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(300 + random.nextInt(4000)); // real time: the daemon is a real process
                terminal.killDaemon();
                Thread.sleep(random.nextInt(1500));
                terminal.startDaemon(List.of());
                if (k % 10 == 0 || k == kills) {
                    out.printf("crash-test: %d kills, %d selections so far (%.0f s)%n", k, attempts.get(), (System.nanoTime() - started) / 1e9);
                }
            }
            running.set(false);
            customers.join();
            out.println("crash-test: waiting for every sale to finish ...");
            boolean quiet = awaitQuiescence(terminal);
            int exit = terminal.stopDaemon();
            Invariants.Report r = terminal.check();
            Map<SaleState, Integer> ends = new EnumMap<>(SaleState.class);
            try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
                journal.sales().forEach(s -> ends.merge(s.state(), 1, Integer::sum));
            }
            out.printf("crash-test: %d kills, %d sales (%s), %d found vending after a kill and refused; daemon exit %d; "
                    + "violations %d%s%n", kills, r.sales(), ends, r.interruptedVends(), exit, r.violations().size(),
                    quiet ? "" : "; NOT QUIET after " + QUIESCENCE.toMinutes() + " min");
            r.violations().forEach(v -> out.println("  VIOLATION " + v));
            return r.safe() && quiet;
        }
    }

    /** Customers one after another: most pay, some walk away, a few press cancel; a dead terminal makes them wait. */
    private void customers(LiveTerminal terminal, SplittableRandom dice) {
        while (running.get()) {
            try {
                attempts.incrementAndGet();
                Result sell = terminal.qrvend("sell", SLOTS.get(dice.nextInt(SLOTS.size())));
                if (sell.exit() != 0) {
                    Thread.sleep(200);
                    continue;
                }
                String order = LiveTerminal.orderOf(sell);
                Optional<Sale> qr = awaitState(terminal, order, SaleState.AWAITING_PAYMENT, Duration.ofSeconds(6));
                if (qr.isEmpty()) {
                    continue; // killed before the QR appeared: nothing to pay
                }
                Thread.sleep(200 + dice.nextInt(1500));
                terminal.phone().scan(order);
                double kind = dice.nextDouble();
                if (kind < 0.7) {
                    Thread.sleep(200 + dice.nextInt(1500));
                    terminal.phone().pay(order);
                } else if (kind < 0.8) {
                    terminal.qrvend("cancel");
                }
                awaitState(terminal, order, null, Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                out.println("crash-test: customer: " + e.getMessage());
            }
        }
    }

    /** Waits until the sale reaches {@code state} (or, for null, no longer occupies the machine). */
    private static Optional<Sale> awaitState(LiveTerminal terminal, String order, SaleState state, Duration limit) throws InterruptedException {
        try {
            return Optional.of(terminal.awaitSale(order, s -> state == null ? !s.occupiesMachine() : s.state() == state || s.state().isFinal(),
                    limit));
        } catch (AssertionError e) {
            return Optional.empty();
        }
    }

    private static boolean awaitQuiescence(LiveTerminal terminal) throws InterruptedException {
        return terminal.awaitJournal(journal -> journal.unfinishedSales().isEmpty() ? Optional.of(true) : Optional.empty(), QUIESCENCE)
                .isPresent();
    }

    private static void check(Result r) {
        if (r.exit() != 0) {
            throw new IllegalStateException(r.err() + r.out());
        }
    }
}
