package io.qrvend.sim.bench;

import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.SimClient;
import io.qrvend.sim.live.LiveTerminal;
import io.qrvend.sim.machine.MachineLog;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Confirmation latency: from the moment the backend simulator records a payment to the rising edge
 * of the vend relay (the simulated machine's log), through real daemon processes and real HTTP, with
 * customers who scan 3-15 s after the QR appears and pay 2-10 s after scanning. Several machines run
 * side by side so a few hundred sales fit in minutes; each machine serves one customer at a time.
 * Each policy's machines offer one wallet, and its customers pay there: the wallets are polled
 * differently (Alipay reports a scan, WeChat Pay does not), so each has its own figures.
 */
final class LatencyBench {
    /**
     * A polling configuration under test: its name, the one wallet its machines offer (set as
     * {@code payment.wallets}) and the settings it adds to the daemon's.
     */
    record Policy(String name, Wallet wallet, Map<String, String> settings) {
    }

    /** One sale as measured. */
    record Measured(double latencyMs, int queries, double waitingSeconds) {
    }

    record Result(String policy, String wallet, Figures latencyMs, List<Double> latencies, double queriesPerSale,
                  double queriesPerWaitingSecond, double meanWaitingSeconds, int sales, int unfinished) {
    }

    private final Path dir;
    private final PrintStream log;

    LatencyBench(Path dir, PrintStream log) {
        this.dir = dir;
        this.log = log;
    }

    /** Runs {@code sales} sales for each policy on {@code machines} machines per policy, all at the same time. */
    List<Result> run(List<Policy> policies, int sales, int machines, long seed) throws Exception {
        SplittableRandom seeds = new SplittableRandom(seed);
        ExecutorService pool = Executors.newFixedThreadPool(policies.size() * machines);
        List<LiveTerminal> terminals = new ArrayList<>();
        try {
            Map<Policy, List<Future<List<Measured>>>> runs = new LinkedHashMap<>();
            for (Policy policy : policies) {
                List<Future<List<Measured>>> futures = new ArrayList<>();
                for (int m = 0; m < machines; m++) {
                    int share = sales / machines + (m < sales % machines ? 1 : 0);
                    LiveTerminal terminal = start(dir.resolve(policy.name() + "-" + m), policy);
                    terminals.add(terminal);
                    SplittableRandom dice = seeds.split();
                    futures.add(pool.submit(() -> customers(terminal, Books.of(terminal, policy.wallet()), share, dice)));
                }
                runs.put(policy, futures);
            }
            List<Result> results = new ArrayList<>();
            for (Map.Entry<Policy, List<Future<List<Measured>>>> run : runs.entrySet()) {
                List<Measured> all = new ArrayList<>();
                for (Future<List<Measured>> f : run.getValue()) {
                    all.addAll(f.get());
                }
                results.add(summarize(run.getKey(), all, sales));
            }
            return results;
        } finally {
            pool.shutdownNow();
            terminals.forEach(LiveTerminal::close);
        }
    }

    private LiveTerminal start(Path machineDir, Policy policy) throws Exception {
        LiveTerminal terminal = configure(machineDir, policy);
        try {
            terminal.startDaemon(List.of(), Map.of(), StartupBench.UNIT_JVM, Duration.ofMillis(500));
        } catch (Exception e) {
            terminal.close();
            throw e;
        }
        return terminal;
    }

    /** A simulated machine configured for {@code policy}, with its one slot stocked, its daemon not started. */
    static LiveTerminal configure(Path machineDir, Policy policy) throws Exception {
        Files.createDirectories(machineDir);
        Map<String, String> settings = new LinkedHashMap<>(Map.of("display.type", "none", "terminal.id", "BENCH",
                "payment.wallets", policy.wallet().key()));
        settings.putAll(policy.settings());
        LiveTerminal terminal = LiveTerminal.create(machineDir, settings, new FaultPlan(1), line -> { });
        LiveTerminal.Result slot = terminal.qrvend("slot", "set", "A1", "--name", "Cola", "--price", "3.50", "--channel", "1",
                "--stock", "100000");
        if (slot.exit() != 0) {
            terminal.close();
            throw new IllegalStateException("qrvend slot set: " + slot.err());
        }
        return terminal;
    }

    /**
     * What the customers and the measurement need of one wallet's simulated backend: the phone that
     * scans and pays there, when the backend recorded a payment, and how often the terminal asked.
     */
    private record Books(SimClient phone, Function<String, Instant> paidAt, ToIntFunction<String> queries) {
        static Books of(LiveTerminal terminal, Wallet wallet) {
            // A switch expression over the enum: a third wallet fails the build here until it has its books.
            return switch (wallet) {
                case ALIPAY -> new Books(terminal.phone(), order -> terminal.backend().trade(order).orElseThrow().paidAt(),
                        order -> terminal.backend().queries(order));
                case WECHAT -> new Books(terminal.wechatPhone(), order -> terminal.wechat().trade(order).orElseThrow().paidAt(),
                        order -> terminal.wechat().queries(order));
            };
        }
    }

    /** One machine's customers, one after another. Real time: the daemon is a real process. */
    private List<Measured> customers(LiveTerminal terminal, Books backend, int sales, SplittableRandom dice) throws Exception {
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < sales; i++) {
            String order = sell(terminal, Duration.ofMillis(50));
            Sale shown = terminal.awaitSale(order, s -> s.state() == SaleState.AWAITING_PAYMENT || s.state().isFinal(),
                    Duration.ofSeconds(30));
            if (shown.state() != SaleState.AWAITING_PAYMENT) {
                log.printf("bench: %s ended %s before the QR was shown%n", order, shown.state());
                continue;
            }
            Thread.sleep(3000 + dice.nextInt(12_001));
            backend.phone().scan(order);
            Thread.sleep(2000 + dice.nextInt(8_001));
            backend.phone().pay(order);
            Instant paidAt = backend.paidAt().apply(order);
            Sale done = terminal.awaitSale(order, s -> s.state().isFinal(), Duration.ofSeconds(60));
            if (paidAt == null || done.state() != SaleState.VENDED) {
                log.printf("bench: %s ended %s (paid at %s), not counted%n", order, done.state(), paidAt);
                continue;
            }
            Instant edge = firstPulseAfter(terminal.machineLog(), paidAt);
            double waiting = Duration.between(shown.awaitingSince(), paidAt).toNanos() / 1e9;
            measured.add(new Measured(Duration.between(paidAt, edge).toNanos() / 1e6, backend.queries().applyAsInt(order), waiting));
        }
        return measured;
    }

    /** Selects A1, waiting while the machine is still busy with the last customer (its thank-you screen). */
    static String sell(LiveTerminal terminal, Duration retry) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (true) {
            LiveTerminal.Result sell = terminal.qrvend("sell", "A1");
            if (sell.exit() == 0) {
                return LiveTerminal.orderOf(sell);
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the terminal refused a selection for 60 s: " + sell.err() + sell.out());
            }
            Thread.sleep(retry.toMillis());
        }
    }

    private static Instant firstPulseAfter(Path machineLog, Instant paidAt) throws Exception {
        // The log has whole milliseconds: the payment's millisecond is the earliest the edge can be.
        Instant from = paidAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (MachineLog.Event e : MachineLog.read(machineLog)) {
            if (e.kind().equals("pulse") && !e.at().isBefore(from)) {
                return e.at().isBefore(paidAt) ? paidAt : e.at();
            }
        }
        throw new IllegalStateException("no relay pulse after the payment at " + paidAt + " in " + machineLog);
    }

    private static Result summarize(Policy policy, List<Measured> all, int wanted) {
        List<Double> latencies = new ArrayList<>();
        long queries = 0;
        double waiting = 0;
        for (Measured m : all) {
            latencies.add(m.latencyMs());
            queries += m.queries();
            waiting += m.waitingSeconds();
        }
        return new Result(policy.name(), policy.wallet().key(), Figures.of(latencies), Collections.unmodifiableList(latencies), (double) queries / all.size(),
                queries / waiting, waiting / all.size(), all.size(), wanted - all.size());
    }
}
