package io.qrvend.sim.demo;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.Fault;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.live.LiveTerminal;
import io.qrvend.sim.live.LiveTerminal.Result;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The main job on a machine with nothing attached: the simulated Alipay and WeChat Pay backends, the
 * real {@code qrvend run} daemon in its own process with a simulated vending machine (GPIO relays and
 * drop sensors on Pi4J mock pins, the QR codes drawn in this terminal by the ANSI display), driven
 * only by the {@code qrvend} commands and the customers' phones. The machine offers both wallets, so
 * each selection opens one order at Alipay and one at WeChat Pay and the screen shows both codes.
 * Five customers: one pays with WeChat Pay, one with Alipay, one pays with Alipay at a jammed slot
 * and is refunded, one pays both codes and gets the second payment back, one scans and walks away.
 * Ends with {@code qrvend sales}, {@code qrvend report} and the money-safety checks.
 */
public final class Demo {
    /** How long the WeChat Pay backend takes to answer the close of customer 4's second order. */
    static final Duration SLOW_CLOSE = Duration.ofSeconds(3);
    private static final Duration SALE_LIMIT = Duration.ofSeconds(30);

    /** What a customer does with the two codes on the screen. */
    enum Pays {
        /** Opens Alipay, scans its code, and walks away. */
        NOTHING,
        /** Scans and pays the Alipay code. */
        ALIPAY,
        /**
         * Opens Alipay and scans its code first, then pays the WeChat Pay code. The scan makes the
         * Alipay order closable at once: a code nobody scanned has no trade at Alipay yet, and the
         * terminal watches its order until Alipay lets it expire (three minutes with this payment
         * window), longer than this demo lasts.
         */
        WECHAT,
        /** Pays the Alipay code, then the WeChat Pay code too, while the terminal is closing that order. */
        BOTH
    }

    /** A customer: the slot, what they do, and how each wallet's order must end. */
    record Customer(String slot, Pays pays, String story, Map<Wallet, SaleState> expected) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("A2", Pays.WECHAT, "opens Alipay and scans its code, changes their mind, and pays with WeChat Pay",
                    Map.of(Wallet.ALIPAY, SaleState.CANCELLED, Wallet.WECHAT, SaleState.VENDED)),
            new Customer("A1", Pays.ALIPAY, "pays with Alipay and gets the product",
                    Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.CANCELLED)),
            new Customer("B1", Pays.ALIPAY, "pays with Alipay, but slot B1 is jammed",
                    Map.of(Wallet.ALIPAY, SaleState.REFUNDED, Wallet.WECHAT, SaleState.CANCELLED)),
            new Customer("A1", Pays.BOTH, "pays the Alipay code, then the WeChat Pay code too",
                    Map.of(Wallet.ALIPAY, SaleState.VENDED, Wallet.WECHAT, SaleState.REFUNDED)),
            new Customer("C1", Pays.NOTHING, "scans the Alipay code, then walks away without paying",
                    Map.of(Wallet.ALIPAY, SaleState.CANCELLED, Wallet.WECHAT, SaleState.CANCELLED)));

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the story in {@code dir}; true if every order ended as told and every invariant holds. */
    public boolean run(Path dir) throws Exception {
        FaultPlan faults = new FaultPlan(1).latency(SLOW_CLOSE); // no fault until customer 4's
        try (LiveTerminal terminal = LiveTerminal.create(dir, Map.of("payment.wallets", "alipay,wechat",
                "sale.payment_window", "8s", "sale.drop_window", "2s"), faults, line -> out.println("    qrvend | " + line))) {
            say("simulated Alipay and WeChat Pay backends on loopback; configuration %s (payment.wallets=alipay,wechat)",
                    terminal.config());
            qrvend(terminal, "slot", "set", "A1", "--name", "Cola", "--price", "3.50", "--channel", "1", "--stock", "5");
            qrvend(terminal, "slot", "set", "A2", "--name", "Orange juice", "--price", "4.00", "--channel", "2", "--stock", "5");
            qrvend(terminal, "slot", "set", "B1", "--name", "Water", "--price", "2.00", "--channel", "3", "--stock", "5");
            qrvend(terminal, "slot", "set", "C1", "--name", "Green tea", "--price", "3.00", "--channel", "4", "--stock", "5",
                    "--sensor", "no");
            qrvend(terminal, "slots");
            say("starting the daemon: qrvend-sim machine --config %s --jam B1", terminal.config());
            terminal.startDaemon(List.of("B1"));
            qrvend(terminal, "status");
            List<String> wrong = new ArrayList<>();
            List<String> firstOrders = new ArrayList<>();
            int n = 0;
            for (Customer c : CUSTOMERS) {
                n++;
                say("customer %d %s", n, c.story());
                if (c.pays() == Pays.BOTH) {
                    faults.script("wechat.close", Fault.LATENCY);
                }
                String first = LiveTerminal.orderOf(qrvend(terminal, "sell", c.slot()));
                firstOrders.add(first);
                serve(terminal, c, first);
                pause(1);
            }
            say("stopping the daemon (SIGTERM): exit status %d", terminal.stopDaemon());
            qrvend(terminal, "sales");
            qrvend(terminal, "report");
            wrong.addAll(compare(terminal, firstOrders));
            Invariants.Report r = terminal.check();
            say("done: %d customers' sales, their orders %d vended, %d refunded, %d cancelled; %d paid twice and refunded once; "
                    + "journal, both backends' ledgers and machine agree: %s", r.sales(), r.vended(), r.refunded(), r.cancelled(),
                    r.secondPaymentsRefunded(), r.safe() ? "yes" : "NO " + r.violations());
            wrong.forEach(w -> say("FAILED: %s", w));
            return wrong.isEmpty() && r.safe();
        }
    }

    /** One customer at the screen, from the codes appearing to every order of their sale ending. */
    private void serve(LiveTerminal terminal, Customer c, String first) throws Exception {
        List<Sale> orders = terminal.awaitOrders(first, s -> s.state() != SaleState.CREATED, SALE_LIMIT);
        Map<Wallet, String> code = new EnumMap<>(Wallet.class);
        orders.forEach(o -> code.put(o.wallet(), o.orderNo()));
        say("the screen shows %d codes: %s", orders.size(), orders.stream()
                .map(o -> "\"" + o.wallet().label() + "\" for order " + o.orderNo() + " (" + o.state() + ")")
                .collect(Collectors.joining(", ")));
        String alipay = code.get(Wallet.ALIPAY);
        String wechat = code.get(Wallet.WECHAT);
        pause(1);
        say("customer's Alipay app scans the Alipay code: %s", terminal.phone().scan(alipay).json());
        if (c.pays() == Pays.BOTH) {
            say("customer's WeChat app scans the WeChat Pay code: %s", terminal.wechatPhone().scan(wechat).json());
        }
        pause(1);
        switch (c.pays()) {
            case NOTHING -> say("the customer walks away; the payment window (8 s) will end both orders");
            case ALIPAY -> say("customer's Alipay app pays order %s: %s", alipay, terminal.phone().pay(alipay).json());
            case WECHAT -> {
                say("customer's WeChat app scans the WeChat Pay code: %s", terminal.wechatPhone().scan(wechat).json());
                say("customer's WeChat app pays order %s: %s", wechat, terminal.wechatPhone().pay(wechat).json());
            }
            case BOTH -> payBoth(terminal, alipay, wechat);
        }
        for (Sale o : terminal.awaitOrders(first, s -> s.state().isFinal(), SALE_LIMIT)) {
            say("%s order %s ended %s; %s", o.wallet().label(), o.orderNo(), o.state(), books(terminal, o));
        }
    }

    /**
     * Alipay's payment is found first and wins; WeChat Pay is slow to answer the close of the other
     * order, and the customer's second payment lands in that time. The close then finds the order
     * paid (WeChat Pay's close never refunds), and the terminal refunds it in full.
     */
    private void payBoth(LiveTerminal terminal, String alipay, String wechat) throws Exception {
        say("customer's Alipay app pays order %s: %s", alipay, terminal.phone().pay(alipay).json());
        terminal.awaitOrders(alipay, s -> s.wallet() != Wallet.WECHAT || s.cancelSent(), SALE_LIMIT);
        say("the terminal found the Alipay payment first: that order won, and it is closing WeChat Pay order %s "
                + "(WeChat Pay takes %d s to answer this close)", wechat, SLOW_CLOSE.toSeconds());
        say("the customer, seeing no change yet, pays the WeChat Pay code too: %s", terminal.wechatPhone().pay(wechat).json());
    }

    /** What the order's backend holds for it: the other side of the bookkeeping. */
    private static String books(LiveTerminal terminal, Sale o) {
        if (o.wallet() == Wallet.WECHAT) {
            Optional<FakeWechatPay.Trade> t = terminal.wechat().trade(o.orderNo());
            return t.map(w -> "WeChat Pay's books: " + w.state() + ", paid " + Money.format(w.paidFen()) + ", refunded "
                    + Money.format(w.refundedFen()) + " in " + w.refunds().size() + " refund(s)").orElse("WeChat Pay has no such order");
        }
        Optional<FakeAlipay.Trade> t = terminal.backend().trade(o.orderNo());
        return t.map(a -> "Alipay's books: " + a.status() + ", paid " + Money.format(a.paidFen()) + ", refunded "
                + Money.format(a.refundedFen())).orElse("Alipay has no such order");
    }

    /** Every customer's orders, as the journal finally holds them, against the story. */
    private static List<String> compare(LiveTerminal terminal, List<String> firstOrders) {
        List<String> wrong = new ArrayList<>();
        try (Journal journal = Journal.open(terminal.journalFile(), Durability.FULL)) {
            for (int i = 0; i < CUSTOMERS.size(); i++) {
                Map<Wallet, SaleState> expected = CUSTOMERS.get(i).expected();
                Map<Wallet, SaleState> ended = new EnumMap<>(Wallet.class);
                LiveTerminal.ordersOf(journal, firstOrders.get(i)).forEach(o -> ended.put(o.wallet(), o.state()));
                if (!ended.equals(new EnumMap<>(expected))) {
                    wrong.add("customer " + (i + 1) + "'s orders ended " + ended + ", expected " + new EnumMap<>(expected));
                }
            }
        }
        return wrong;
    }

    private Result qrvend(LiveTerminal terminal, String... args) {
        say("$ qrvend %s", String.join(" ", args));
        Result r = terminal.qrvend(args);
        r.out().lines().forEach(l -> out.println("    " + l));
        r.err().lines().forEach(l -> out.println("    " + l));
        return r;
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L); // a customer's pace, in real time: the daemon runs on the wall clock
    }

    private synchronized void say(String format, Object... args) {
        double t = (System.nanoTime() - startNanos) / 1e9;
        out.printf("[%5.1fs] %s%n", t, String.format(format, args));
    }
}
