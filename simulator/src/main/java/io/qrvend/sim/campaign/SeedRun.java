package io.qrvend.sim.campaign;

import io.qrvend.sim.TerminalRig;
import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.FakeVendingMachine;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.engine.Selection;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.journal.SaleHistoryEntry;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.payment.alipay.AlipayConfig;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.time.VirtualScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One seed of a campaign: the real engine on a real journal file, the backend model behind a faulty
 * gateway, the machine model, and customers, all on one thread in virtual time. Sales follow each
 * other as customers arrive; faults are rolled as the seed's dice say; at the end, with crashes off,
 * everything is left to finish and the invariants are checked against the backends' ledgers and what
 * the machine physically did. A seed offers Alipay, WeChat Pay or both ({@link #walletsOf}); with
 * both, a customer pays the code of one wallet, and some pay both.
 */
final class SeedRun {
    static final List<String> SLOTS = List.of("A1", "A2", "A3", "B1");
    private static final Duration SALE_LIMIT = Duration.ofHours(2);
    /** How long the daemon's gateway lets one call take by default: what a dripping answer costs. */
    static final Duration CALL_DEADLINE = AlipayConfig.DEFAULT_CONNECT_TIMEOUT.plus(AlipayConfig.DEFAULT_READ_TIMEOUT);

    private final long seed;
    private final CampaignDice dice;
    private static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
    private final VirtualScheduler time = new VirtualScheduler(START);
    /**
     * The wallets' own clocks: true time, which a step of the terminal's wall clock does not move
     * (an order the terminal created expires at the backend on the backend's time).
     */
    private final Supplier<Instant> backendTime = () -> START.plusNanos(time.nanoTime());
    private final FakeAlipay backend = new FakeAlipay(backendTime);
    private final FakeWechatPay wechat = new FakeWechatPay(backendTime);
    private final List<Wallet> wallets;
    private final Customers customers;
    private final FakeVendingMachine machine = new FakeVendingMachine(4, time, Duration.ofMillis(800));
    private final TerminalRig rig;
    private final VirtualNetwork network;
    private final Path journalFile;
    private final PrintStream trace;
    private final SalePolicy policy = SalePolicy.DEFAULTS;
    /** Sales not yet final, as the engine last committed them. */
    private final Map<Long, Sale> open = new HashMap<>();
    /** Those of them that hold the machine: checked after every task, so kept rather than searched for. */
    private final Set<Long> occupying = new HashSet<>();
    private boolean crashes = true;
    private long commits;

    SeedRun(long seed, Set<FaultKind> faults, Path dir, Campaign.PlantedBug bug, PrintStream trace) {
        this.seed = seed;
        this.dice = new CampaignDice(seed, faults);
        this.wallets = bug == Campaign.PlantedBug.LOSING_ORDER_NOT_CLOSED ? List.of(Wallet.ALIPAY, Wallet.WECHAT) : walletsOf(seed);
        this.trace = trace;
        this.customers = new Customers(time, dice, policy, wallets, backend, wechat, this::engine, this::note);
        this.journalFile = dir.resolve("seed-" + seed + ".db");
        try (Journal j = Journal.open(journalFile, Durability.OFF)) {
            for (int i = 0; i < SLOTS.size(); i++) {
                j.catalog().put(new Slot(SLOTS.get(i), "Product " + SLOTS.get(i), 100L * (i + 2), i + 1, i < 3, 1_000_000, true, null));
            }
        }
        Map<Wallet, PaymentGateway> gateways = new LinkedHashMap<>();
        List<ScriptedFaultGateway> faulty = new ArrayList<>();
        for (Wallet wallet : wallets) {
            ScriptedFaultGateway gateway = new ScriptedFaultGateway(switch (wallet) {
                case ALIPAY -> backend;
                case WECHAT -> wechat;
            }, dice);
            gateways.put(wallet, gateway);
            faulty.add(gateway);
        }
        network = new VirtualNetwork(time, dice, faulty, CALL_DEADLINE);
        rig = TerminalRig.builder().journal(journalFile, Durability.OFF).terminalId("C" + (seed % 1000)).policy(policy).scheduler(time)
                .gateways(gateways).machine(machine).display(screen -> customers.show(screen)).executors(network, Runnable::run).observer(new EngineListener() {
                    @Override
                    public void transition(Sale before, Sale after, String cause) {
                        committed(before, after, cause);
                    }
                }).build();
        rig.sensorMisses(order -> dice.roll(FaultKind.MISSED_DROP));
        switch (bug) {
            case NONE -> { }
            case PULSE_ON_PAID -> rig.plantPulseOnPaid();
            case LOSING_ORDER_NOT_CLOSED -> rig.plantLosingOrderNotClosed();
        }
    }

    /** A quarter of the seeds offer Alipay alone, a quarter WeChat Pay alone, half both (WeChat Pay's code second). */
    static List<Wallet> walletsOf(long seed) {
        return switch ((int) Math.floorMod(seed, 4L)) {
            case 0 -> List.of(Wallet.ALIPAY);
            case 1 -> List.of(Wallet.WECHAT);
            default -> List.of(Wallet.ALIPAY, Wallet.WECHAT);
        };
    }

    /** What one seed came to. */
    record Outcome(long seed, Invariants.Report report, long paid, Map<FaultKind, Long> faults, List<String> histories) {
    }

    Outcome run(int sales) throws IOException {
        try {
            rig.start();
            runUntil(() -> rig.engine().isReady(), SALE_LIMIT);
            for (int i = 0; i < sales; i++) {
                runUntil(this::machineFree, SALE_LIMIT);
                oneSale();
            }
            crashes = false; // let everything finish, then look
            runUntil(() -> open.isEmpty() && rig.engine().isReady(), Duration.ofDays(1));
            time.advance(Duration.ofMinutes(10));
            Journal j = rig.journal();
            List<Sale> all = j.sales();
            List<Invariants.BackendOrder> ledger = new ArrayList<>(Invariants.BackendOrder.alipay(backend.ledger()));
            ledger.addAll(Invariants.BackendOrder.wechat(wechat.ledger()));
            Invariants.Report report = Invariants.checkOrders(all, ledger, rig.pulsesByOrder(), rig.dropsByOrder(), j::history,
                    rig.sensorFaults());
            long paid = ledger.stream().filter(t -> t.paidFen() > 0).count();
            List<String> histories = new ArrayList<>();
            for (String violation : report.violations()) {
                String order = violation.substring(0, violation.indexOf(':'));
                j.saleByOrderNo(order).ifPresent(s -> histories.add(history(s, j.history(s.id()))));
            }
            return new Outcome(seed, report, paid, dice.injected(), histories);
        } finally {
            rig.close();
            Files.deleteIfExists(journalFile);
            Files.deleteIfExists(Path.of(journalFile + "-wal"));
            Files.deleteIfExists(Path.of(journalFile + "-shm"));
        }
    }

    private void oneSale() {
        String slot = SLOTS.get(dice.between(0, SLOTS.size() - 1));
        int channel = SLOTS.indexOf(slot) + 1;
        // A slot without a drop sensor trusts its pulse: a jam there cannot be told from a vend, by
        // design (DESIGN.md), so jams and sensor faults are only thrown at slots that have a sensor.
        boolean sensor = channel <= 3;
        boolean jam = sensor && dice.roll(FaultKind.JAM);
        boolean relayFault = dice.roll(FaultKind.RELAY_FAULT);
        machine.jam(channel, jam);
        machine.breakRelay(channel, relayFault);
        if (dice.roll(FaultKind.CLOCK_STEP)) {
            Duration step = Duration.ofMinutes(dice.between(1, 10)).multipliedBy(dice.coin() ? 1 : -1);
            note("wall clock steps %s", step);
            time.stepWallClock(step);
        }
        if (sensor && dice.roll(FaultKind.SPURIOUS_DROP)) {
            time.schedule(Duration.ofMillis(dice.between(0, 120_000)), () -> {
                if (rig.engine() != null && rig.engine().halted().isEmpty()) {
                    note("drop sensor of %s fires with nothing falling", slot);
                    rig.spuriousDrop(slot);
                }
            });
        }
        for (int attempt = 1; attempt <= 5; attempt++) {
            note("customer selects %s%s%s", slot, jam ? " (jammed)" : "", relayFault ? " (relay fault)" : "");
            CompletableFuture<Selection> selection = rig.engine().select(slot);
            time.runDue();
            runUntil(this::machineFree, SALE_LIMIT);
            if (!(selection.getNow(null) instanceof Selection.Refused refused)) {
                break;
            }
            note("refused (%s); the customer tries again", refused.reason()); // e.g. a power cut came first
        }
        machine.jam(channel, false);
        machine.breakRelay(channel, false);
    }

    private void committed(Sale before, Sale after, String cause) {
        commits++;
        customers.committed(after);
        if (after.state().isFinal()) {
            open.remove(after.id());
        } else {
            open.put(after.id(), after);
        }
        if (after.occupiesMachine()) {
            occupying.add(after.id());
        } else {
            occupying.remove(after.id());
        }
        note("sale %d %s %s -> %s: %s", after.id(), after.orderNo(), before == null ? "-" : before.state(), after.state(), cause);
        if (crashes && dice.roll(FaultKind.CRASH)) {
            note("power cut after the next commit");
            rig.cutPowerAfterCommit(1);
        }
    }

    private boolean machineFree() {
        return rig.engine().isReady() && occupying.isEmpty();
    }

    /** Runs virtual time until {@code done}, restarting after each power cut. */
    private void runUntil(BooleanSupplier done, Duration limit) {
        Instant giveUp = time.now().plus(limit);
        while (true) {
            boolean reached = time.runUntil(() -> done.getAsBoolean() || rig.engine().halted().isPresent(), Duration.ofHours(1));
            if (rig.engine().halted().isPresent()) {
                Duration downtime = Duration.ofSeconds(dice.between(1, 300));
                note("power cut; back after %s", downtime);
                network.powerCut();
                time.advance(downtime);
                rig.restart();
                continue;
            }
            if (reached) {
                return;
            }
            if (time.now().isAfter(giveUp)) {
                throw new IllegalStateException("seed " + seed + ": nothing moved for " + limit + "; open sales " + open.values());
            }
        }
    }

    /** The engine running now (a new one after each power cut). */
    private Engine engine() {
        return rig.engine();
    }

    private void note(String format, Object... args) {
        if (trace != null) {
            trace.printf("[seed %d %s] %s%n", seed, time.now(), String.format(format, args));
        }
    }

    private static String history(Sale sale, List<SaleHistoryEntry> history) {
        StringBuilder text = new StringBuilder("sale " + sale.id() + " " + sale.orderNo() + " (slot " + sale.slotId() + ", "
                + sale.state() + "):");
        for (SaleHistoryEntry h : history) {
            text.append("\n    ").append(h.at()).append("  ").append(h.from() == null ? "-" : h.from()).append(" -> ").append(h.to())
                    .append(": ").append(h.cause());
        }
        return text.toString();
    }

    long commits() {
        return commits;
    }
}
