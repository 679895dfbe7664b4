package io.qrvend.sim.demo;

import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.SimClient;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.live.LiveTerminal;
import io.qrvend.sim.live.LiveTerminal.Result;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main job on a machine with nothing attached: the simulated Alipay backend, the real
 * {@code qrvend run} daemon in its own process with a simulated vending machine (GPIO relays and drop
 * sensors on Pi4J mock pins, the QR drawn in this terminal by the ANSI display), driven only by the
 * {@code qrvend} commands and the customer's phone. Three customers: one pays and gets the product,
 * one pays at a jammed slot and is refunded, one scans and walks away and the order is cancelled.
 * Ends with {@code qrvend report} and the money-safety checks.
 */
public final class Demo {
    /** A customer: the slot, when they scan and pay after the QR appears (seconds), -1 for never. */
    record Customer(String slot, int scanAfter, int payAfter, String story, SaleState expected) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("A1", 1, 2, "pays and gets the product", SaleState.VENDED),
            new Customer("B1", 1, 2, "pays, but slot B1 is jammed", SaleState.REFUNDED),
            new Customer("C1", 1, -1, "scans, then walks away without paying", SaleState.CANCELLED));

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the story in {@code dir}; true if every sale ended as told and every invariant holds. */
    public boolean run(Path dir) throws Exception {
        try (LiveTerminal terminal = LiveTerminal.create(dir, Map.of("sale.payment_window", "8s", "sale.drop_window", "2s"),
                new FaultPlan(1), line -> out.println("    qrvend | " + line))) {
            say("simulated Alipay backend on loopback; configuration %s", terminal.config());
            qrvend(terminal, "slot", "set", "A1", "--name", "Cola", "--price", "3.50", "--channel", "1", "--stock", "5");
            qrvend(terminal, "slot", "set", "B1", "--name", "Water", "--price", "2.00", "--channel", "3", "--stock", "5");
            qrvend(terminal, "slot", "set", "C1", "--name", "Green tea", "--price", "3.00", "--channel", "4", "--stock", "5",
                    "--sensor", "no");
            qrvend(terminal, "slots");
            say("starting the daemon: qrvend-sim machine --config %s --jam B1", terminal.config());
            terminal.startDaemon(List.of("B1"));
            qrvend(terminal, "status");
            List<String> wrong = new ArrayList<>();
            int n = 0;
            for (Customer c : CUSTOMERS) {
                n++;
                say("customer %d %s", n, c.story());
                Result sell = qrvend(terminal, "sell", c.slot());
                String order = LiveTerminal.orderOf(sell);
                SimClient phone = terminal.phone();
                pause(c.scanAfter());
                say("customer's phone scans %s: %s", order, phone.scan(order).json());
                if (c.payAfter() >= 0) {
                    pause(c.payAfter() - c.scanAfter());
                    say("customer's phone pays %s: %s", order, phone.pay(order).json());
                }
                Sale end = terminal.awaitSale(order, s -> s.state().isFinal(), Duration.ofSeconds(30));
                say("sale %s ended %s", order, end.state());
                if (end.state() != c.expected()) {
                    wrong.add(order + " ended " + end.state() + ", expected " + c.expected());
                }
                pause(2);
            }
            say("stopping the daemon (SIGTERM): exit status %d", terminal.stopDaemon());
            qrvend(terminal, "report");
            Invariants.Report r = terminal.check();
            say("done: %d sales, %d vended, %d refunded, %d cancelled; journal, backend ledger and machine agree: %s",
                    r.sales(), r.vended(), r.refunded(), r.cancelled(), r.safe() ? "yes" : "NO " + r.violations());
            wrong.forEach(w -> say("FAILED: %s", w));
            return wrong.isEmpty() && r.safe();
        }
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
