package io.qrvend.sim;

import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.FakeVendingMachine;
import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.vend.RelayVendMechanism;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The real engine and a real journal file wired to a backend (the model itself, or the Alipay
 * gateway talking to the simulated one over HTTP) and the machine model. The parts the checks need
 * are separate: {@link RecordingVend} (which sale each pulse and each drop belonged to),
 * {@link ScriptedDropSensors} (sensors that miss or lie), {@link PowerSwitch} (a power cut right
 * after a chosen journal commit, then a start again on the same file) and {@link PulseOnPaidBug}.
 * Built with {@link #builder()}.
 */
public final class TerminalRig {
    private final Settings settings;
    private final RecordingVend vend;
    private final ScriptedDropSensors sensors = new ScriptedDropSensors();
    private final PowerSwitch power = new PowerSwitch();
    private final PulseOnPaidBug bug;
    private final LosingOrderNotClosedBug losingOrderBug = new LosingOrderNotClosedBug();
    private Journal journal;
    private Engine engine;

    /** What the engine is built from, as the builder collected it. */
    private record Settings(Path journalFile, Durability durability, String terminalId, SalePolicy policy, Scheduler scheduler,
            Map<Wallet, PaymentGateway> gateways, FakeVendingMachine machine, RelayBoard relays, boolean sensorsWired, Display display, Executor network,
            Executor hardware, EngineListener observer) {
    }

    private TerminalRig(Settings settings) {
        this.settings = settings;
        this.vend = new RecordingVend(new RelayVendMechanism(settings.relays()));
        this.bug = new PulseOnPaidBug(vend, settings.policy().pulse());
        settings.machine().onDrop(this::dropped);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the rig's parts; the journal file, scheduler, gateway and machine are required. */
    public static final class Builder {
        private Path journalFile;
        private Durability durability = Durability.FULL;
        private String terminalId = "T1";
        private SalePolicy policy = SalePolicy.DEFAULTS;
        private Scheduler scheduler;
        private Map<Wallet, PaymentGateway> gateways;
        private FakeVendingMachine machine;
        private RelayBoard relays;
        private Display display = screen -> { };
        private Executor network = Runnable::run;
        private Executor hardware = Runnable::run;
        private EngineListener observer = EngineListener.NONE;

        private Builder() {
        }

        public Builder journal(Path file, Durability durability) {
            this.journalFile = file;
            this.durability = durability;
            return this;
        }

        public Builder terminalId(String id) {
            this.terminalId = id;
            return this;
        }

        public Builder policy(SalePolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Alipay alone, through {@code gateway}. */
        public Builder gateway(PaymentGateway gateway) {
            return gateways(Map.of(Wallet.ALIPAY, gateway));
        }

        /** Each wallet a sale offers, in the order given, with its gateway. */
        public Builder gateways(Map<Wallet, PaymentGateway> byWallet) {
            this.gateways = new LinkedHashMap<>(byWallet);
            return this;
        }

        /** The machine model; its relays are pulsed directly and its drops reach the engine from the rig. */
        public Builder machine(FakeVendingMachine machine) {
            this.machine = machine;
            return this;
        }

        /**
         * Vends through real relay drivers ({@code relays}, e.g. GPIO relays on mock pins watched by
         * the simulated machine) instead of pulsing the model directly; drops then reach the engine
         * through the input lines, not from the rig.
         */
        public Builder viaHardware(RelayBoard relays) {
            this.relays = relays;
            return this;
        }

        public Builder display(Display display) {
            this.display = display;
            return this;
        }

        /** Where the engine runs backend calls and relay pulses (the caller's thread unless given). */
        public Builder executors(Executor network, Executor hardware) {
            this.network = network;
            this.hardware = hardware;
            return this;
        }

        /** Hears the engine's news after the rig has. */
        public Builder observer(EngineListener observer) {
            this.observer = observer;
            return this;
        }

        public TerminalRig build() {
            Objects.requireNonNull(journalFile, "journal file");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(gateways, "gateway");
            Objects.requireNonNull(machine, "machine");
            return new TerminalRig(new Settings(journalFile, durability, terminalId, policy, scheduler, gateways, machine,
                    relays != null ? relays : machine, relays != null, display, network, hardware, observer));
        }
    }

    /** Opens the journal and starts an engine on it, which first recovers unfinished sales. */
    public Engine start() {
        journal = Journal.open(settings.journalFile(), settings.durability());
        EngineListener observer = settings.observer();
        engine = Engine.builder().terminalId(settings.terminalId()).journal(journal).policy(settings.policy())
                .scheduler(settings.scheduler()).gateways(losingOrderBug.wrap(settings.gateways())).vend(vend).display(settings.display())
                .network(settings.network()).hardware(settings.hardware())
                .listener(new EngineListener() {
                    @Override
                    public void transition(Sale before, Sale after, String cause) {
                        vend.committed(after);
                        bug.committed(after);
                        losingOrderBug.committed(after);
                        observer.transition(before, after, cause);
                        power.committed();
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
    public void sensorMisses(Predicate<String> misses) {
        sensors.missWhen(misses);
    }

    /**
     * The drop sensor of {@code slotId} fires with nothing falling; if a sale was vending then, its
     * order is remembered as one the sensor lied about.
     */
    public void spuriousDrop(String slotId) {
        sensors.fireSpuriously(slotId, vend.vending(), engine);
    }

    /** What the drop sensors got wrong, for the invariant checks. */
    public Invariants.SensorFaults sensorFaults() {
        return sensors.faults();
    }

    /**
     * Test-only: plants the bug the campaign must catch, pulsing the relay as soon as a payment is
     * committed instead of after VENDING is.
     */
    public void plantPulseOnPaid() {
        bug.plant();
    }

    /**
     * Test-only: plants the second bug the campaign must catch: the losing order of a sale with two
     * wallets is reported closed without its close reaching the backend.
     */
    public void plantLosingOrderNotClosed() {
        losingOrderBug.plant();
    }

    /** Cuts the power right after the {@code n}th journal commit from now (1 = the next one). */
    public void cutPowerAfterCommit(int n) {
        power.cutAfterCommit(n);
    }

    /** Journal commits made through this rig, across restarts. */
    public int commits() {
        return power.commits();
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
        vend.restarted();
        return start();
    }

    public Engine engine() {
        return engine;
    }

    public Journal journal() {
        return journal;
    }

    public Map<String, Integer> pulsesByOrder() {
        return vend.pulsesByOrder();
    }

    public Map<String, Integer> dropsByOrder() {
        return vend.dropsByOrder();
    }

    /** Closes the journal. */
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /** Runs on the scheduler's thread, like the engine, so reading the catalog is safe. */
    private void dropped(int channel) {
        String orderNo = vend.dropped(channel);
        if (settings.sensorsWired() || engine == null || engine.halted().isPresent()) {
            return;
        }
        sensors.fell(orderNo, channel, engine, journal);
    }
}
