package io.qrvend.sim.live;

import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.SimClient;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.live.LiveTerminal.Result;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.Wallet;
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
import java.util.function.Predicate;

/**
 * Jepsen-style: the real daemon process offering both wallets against the simulated Alipay and WeChat
 * Pay backends over HTTP, customers arriving all the time (each paying the code of the wallet they
 * chose, some paying both), and the daemon killed with SIGKILL at random moments and restarted each
 * time. At the end it waits for every order to finish and checks the journal against both backends'
 * ledgers (per customer's sale: at most one payment kept, every other refunded in full, no order left
 * open) and the machine's own log of pulses and drops.
 */
public final class CrashTest {
    private static final List<String> SLOTS = List.of("A1", "A2", "B1", "B2");
    private static final Duration QUIESCENCE = Duration.ofMinutes(8);

    private final PrintStream out;
    private final SplittableRandom random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger paidBoth = new AtomicInteger();

    public CrashTest(PrintStream out, long seed) {
        this.out = out;
        this.random = new SplittableRandom(seed);
    }

    /** Runs {@code kills} kill-and-restart cycles; true if no invariant was violated. */
    public boolean run(Path dir, int kills) throws Exception {
        try (LiveTerminal terminal = LiveTerminal.create(dir, Map.of("payment.wallets", "alipay,wechat",
                "sale.payment_window", "8s", "sale.drop_window", "2s"),
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
            Map<Wallet, Map<SaleState, Integer>> ends = new EnumMap<>(Wallet.class);
            try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
                journal.sales().forEach(s -> ends.computeIfAbsent(s.wallet(), w -> new EnumMap<>(SaleState.class))
                        .merge(s.state(), 1, Integer::sum));
            }
            out.printf("crash-test: %d kills, %d customers' sales, their orders by wallet %s; %d customers paid both codes, "
                    + "%d second payments refunded in full; %d found vending after a kill and refused; daemon exit %d; "
                    + "violations %d%s%n", kills, r.sales(), ends, paidBoth.get(), r.secondPaymentsRefunded(), r.interruptedVends(),
                    exit, r.violations().size(), quiet ? "" : "; NOT QUIET after " + QUIESCENCE.toMinutes() + " min");
            r.violations().forEach(v -> out.println("  VIOLATION " + v));
            return r.safe() && quiet;
        }
    }

    /**
     * Customers one after another, each choosing a wallet whose code they scan: most pay, some pay
     * the other code too (a moment later, racing the terminal's close of that order), some walk
     * away, a few press cancel; a dead terminal makes them wait.
     */
    private void customers(LiveTerminal terminal, SplittableRandom dice) {
        while (running.get()) {
            try {
                attempts.incrementAndGet();
                Result sell = terminal.qrvend("sell", SLOTS.get(dice.nextInt(SLOTS.size())));
                if (sell.exit() != 0) {
                    Thread.sleep(200);
                    continue;
                }
                String first = LiveTerminal.orderOf(sell);
                Optional<List<Sale>> codes = awaitOrders(terminal, first, s -> s.state() != SaleState.CREATED, Duration.ofSeconds(6));
                if (codes.isEmpty() || codes.get().stream().anyMatch(s -> s.state() != SaleState.AWAITING_PAYMENT)) {
                    continue; // killed before the codes appeared, or an order already given up: not a screen to pay
                }
                Map<Wallet, String> order = new EnumMap<>(Wallet.class);
                codes.get().forEach(s -> order.put(s.wallet(), s.orderNo()));
                Wallet chosen = dice.nextBoolean() ? Wallet.ALIPAY : Wallet.WECHAT;
                Wallet other = chosen == Wallet.ALIPAY ? Wallet.WECHAT : Wallet.ALIPAY;
                Thread.sleep(200 + dice.nextInt(1500));
                phone(terminal, chosen).scan(order.get(chosen));
                double kind = dice.nextDouble();
                if (kind < 0.8) {
                    Thread.sleep(200 + dice.nextInt(1500));
                    boolean paidChosen = phone(terminal, chosen).pay(order.get(chosen)).ok();
                    if (kind < 0.15) {
                        // the other code too, at once or a little later: before, during or after its close
                        Thread.sleep(dice.nextInt(1200));
                        phone(terminal, other).scan(order.get(other));
                        if (phone(terminal, other).pay(order.get(other)).ok() && paidChosen) {
                            paidBoth.incrementAndGet();
                        }
                    }
                } else if (kind < 0.9) {
                    terminal.qrvend("cancel");
                }
                awaitOrders(terminal, first, s -> !s.occupiesMachine(), Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                out.println("crash-test: customer: " + e.getMessage());
            }
        }
    }

    private static SimClient phone(LiveTerminal terminal, Wallet wallet) {
        return wallet == Wallet.ALIPAY ? terminal.phone() : terminal.wechatPhone();
    }

    /** Waits until every order of the customer's sale of {@code orderNo} satisfies {@code done}; empty if not within {@code limit}. */
    private static Optional<List<Sale>> awaitOrders(LiveTerminal terminal, String orderNo, Predicate<Sale> done, Duration limit)
            throws InterruptedException {
        try {
            return Optional.of(terminal.awaitOrders(orderNo, done, limit));
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
