package io.qrvend.sim;

import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.MachineModel;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.vend.RelayVendMechanism;
import io.qrvend.terminal.vend.VendException;
import io.qrvend.terminal.vend.VendMechanism;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The real engine and a real journal file wired to a backend (the model itself, or the Alipay
 * gateway talking to the simulated one over HTTP) and the machine model, with what the
 * checks need: which sale each pulse and each drop belonged to, and a way to cut the power right
 * after a chosen journal commit and start again on the same file.
 */
public final class TerminalRig {

    /** Thrown from the engine's listener to stop it the way a power cut would. */
    public static final class PowerCut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PowerCut(int commit) {
            super("simulated power cut after journal commit " + commit);
        }
    }

    private final Path journalFile;
    private final Durability durability;
    private final String terminalId;
    private final SalePolicy policy;
    private final Scheduler scheduler;
    private final PaymentGateway gateway;
    private final MachineModel machine;
    private final Display display;
    private final Executor network;
    private final Executor hardware;
    private final EngineListener observer;

    private final Map<String, Integer> pulsesByOrder = new HashMap<>();
    private final Map<String, Integer> dropsByOrder = new HashMap<>();
    private final Map<Integer, String> lastPulsedOrderByChannel = new HashMap<>();
    private volatile Sale vending;
    private volatile Sale lastCommitted;
    private RelayBoard relays;
    private boolean sensorsWired;
    private VendMechanism vend;
    private java.util.function.Predicate<String> sensorMisses = order -> false;
    private final java.util.Set<String> missedEdges = new java.util.HashSet<>();
    private final java.util.Set<String> spuriousEdges = new java.util.HashSet<>();
    private boolean pulseOnPaid;
    private int commits;
    private int cutAfterCommit;
    private Journal journal;
    private Engine engine;

    public TerminalRig(Path journalFile, Durability durability, String terminalId, SalePolicy policy, Scheduler scheduler,
                       PaymentGateway gateway, MachineModel machine, Display display, Executor network, Executor hardware,
                       EngineListener observer) {
        this.journalFile = journalFile;
        this.durability = durability;
        this.terminalId = terminalId;
        this.policy = policy;
        this.scheduler = scheduler;
        this.gateway = gateway;
        this.machine = machine;
        this.display = display;
        this.network = network;
        this.hardware = hardware;
        this.observer = observer;
        this.relays = machine;
        machine.onDrop(this::dropped);
    }

    /**
     * Vends through real relay drivers ({@code relays}, e.g. GPIO relays on mock pins watched by the
     * simulated machine) instead of pulsing the model directly; drops then reach the engine through
     * the input lines, not from the rig.
     */
    public TerminalRig viaHardware(RelayBoard relays) {
        this.relays = relays;
        this.sensorsWired = true;
        return this;
    }

    /** Opens the journal and starts an engine on it, which first recovers unfinished sales. */
    public Engine start() {
        journal = Journal.open(journalFile, durability);
        VendMechanism relayVend = new RelayVendMechanism(relays);
        vend = (channel, duration) -> {
            Sale sale = vending != null ? vending : lastCommitted; // a pulse out of VENDING is a bug: pin it on its sale
            synchronized (this) {
                String orderNo = sale == null ? "(no sale in VENDING)" : sale.orderNo();
                pulsesByOrder.merge(orderNo, 1, Integer::sum);
                lastPulsedOrderByChannel.put(channel, orderNo);
            }
            relayVend.pulse(channel, duration);
        };
        engine = Engine.builder().terminalId(terminalId).journal(journal).policy(policy).scheduler(scheduler)
                .gateway(gateway).vend(vend).display(display).network(network).hardware(hardware)
                .listener(new EngineListener() {
                    @Override
                    public void transition(Sale before, Sale after, String cause) {
                        vending = after.state() == SaleState.VENDING ? after : null;
                        lastCommitted = after;
                        if (pulseOnPaid && after.state() == SaleState.PAID) {
                            try {
                                vend.pulse(after.channel(), policy.pulse()); // the planted bug: no VENDING commit first
                            } catch (VendException e) {
                                // a broken relay makes no difference to the bug
                            }
                        }
                        observer.transition(before, after, cause);
                        commits++;
                        if (commits == cutAfterCommit) {
                            throw new PowerCut(commits);
                        }
                    }

                    @Override
                    public void ready() {
                        observer.ready();
                    }

                    @Override
                    public void refused(String slotId, String reason) {
                        observer.refused(slotId, reason);
                    }

                    @Override
                    public void halted(Throwable cause) {
                        observer.halted(cause);
                    }
                })
                .build();
        engine.start();
        return engine;
    }

    /** The drop sensor misses the product of an order for which {@code misses} is true. */
    public void sensorMisses(java.util.function.Predicate<String> misses) {
        this.sensorMisses = misses;
    }

    /**
     * The drop sensor of {@code slotId} fires with nothing falling; if a sale was vending then, its
     * order is remembered as one the sensor lied about.
     */
    public void spuriousDrop(String slotId) {
        Sale now = vending;
        if (now != null && now.slotId().equals(slotId)) {
            synchronized (this) {
                spuriousEdges.add(now.orderNo());
            }
        }
        engine.dropSeen(slotId);
    }

    /** What the drop sensors got wrong, for the invariant checks. */
    public synchronized Invariants.SensorFaults sensorFaults() {
        return new Invariants.SensorFaults(java.util.Set.copyOf(missedEdges), java.util.Set.copyOf(spuriousEdges));
    }

    /**
     * Test-only: plants the bug the campaign must catch, pulsing the relay as soon as a payment is
     * committed instead of after VENDING is.
     */
    public void plantPulseOnPaid() {
        this.pulseOnPaid = true;
    }

    /** Cuts the power right after the {@code n}th journal commit from now (1 = the next one). */
    public void cutPowerAfterCommit(int n) {
        cutAfterCommit = commits + n;
    }

    /** Journal commits made through this rig, across restarts. */
    public int commits() {
        return commits;
    }

    /**
     * After a power cut: the dead engine does nothing more, its journal connection goes as a dying
     * process's would, and a new engine starts on the same file.
     */
    public Engine restart() {
        if (engine != null && engine.halted().isEmpty()) {
            throw new IllegalStateException("restart() follows a power cut; the engine is still running");
        }
        journal.close();
        vending = null;
        return start();
    }

    public Engine engine() {
        return engine;
    }

    public Journal journal() {
        return journal;
    }

    public synchronized Map<String, Integer> pulsesByOrder() {
        return Map.copyOf(pulsesByOrder);
    }

    public synchronized Map<String, Integer> dropsByOrder() {
        return Map.copyOf(dropsByOrder);
    }

    /** Closes the journal. */
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /** Runs on the scheduler's thread, like the engine, so reading the catalog is safe. */
    private void dropped(int channel) {
        String orderNo;
        synchronized (this) {
            orderNo = lastPulsedOrderByChannel.getOrDefault(channel, "(nothing pulsed on " + channel + ")");
            dropsByOrder.merge(orderNo, 1, Integer::sum);
        }
        if (sensorsWired || engine == null || engine.halted().isPresent()) {
            return;
        }
        if (sensorMisses.test(orderNo)) {
            synchronized (this) {
                missedEdges.add(orderNo);
            }
            return;
        }
        Optional<Slot> slot = journal.catalog().slots().stream().filter(s -> s.channel() == channel).findFirst();
        if (slot.isPresent() && slot.get().sensor()) {
            engine.dropSeen(slot.get().id());
        }
    }
}
