package io.qrvend.terminal.daemon;

import io.qrvend.drivers.input.InputEdge;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.display.TickingDisplay;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.hardware.Hardware;
import io.qrvend.terminal.hardware.InputRouter;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.time.ThreadScheduler;
import io.qrvend.terminal.vend.RelayVendMechanism;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code qrvend run}: the terminal as a service, wired together. Opens the journal, the machine, the
 * display and the gateway and says what it opened ({@link HardwareReport}); recovers unfinished
 * sales; then tells systemd it is ready and starts the {@link Watchdog}. The control socket's
 * requests are answered by {@link ControlRequests}, {@code status} written by {@link StatusJson}.
 * {@link #stop} closes cleanly: no new sales, an unpaid order cancelled, a vend in flight finished,
 * relays off.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long a stop waits for refunds and cancels already sent to be answered. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(10);
    /** How long closing down waits for the abandoned backend call to end. */
    private static final Duration NETWORK_WAIT = Duration.ofSeconds(2);
    /**
     * The most that closing down takes after the grace: the control socket (4 s), the engine thread
     * (5 s), the backend call (2 s), a relay pulse in progress (5 s); switching the relays off and
     * closing the journal take milliseconds. Grace plus this stays inside the unit's TimeoutStopSec.
     */
    public static final Duration RELEASE_WAIT = Duration.ofSeconds(16);

    private final TerminalConfig config;
    private final DaemonSettings settings;
    private final SystemdNotifier systemd;
    private final Clock clock = Clock.systemUTC();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ThreadScheduler scheduler;
    private ExecutorService network;
    private ExecutorService hardware;
    private Journal journal;
    private Machine machine;
    /** Each configured wallet's backend, in the configured order, watched for status and the watchdog. */
    private final Map<Wallet, ObservedGateway> gateways = new LinkedHashMap<>();
    private Engine engine;
    private ControlServer control;

    private Daemon(TerminalConfig config, DaemonSettings settings, SystemdNotifier systemd) {
        this.config = config;
        this.settings = settings;
        this.systemd = systemd;
    }

    /** Starts everything; a part that will not open stops the start with what it opened closed again. */
    public static Daemon start(TerminalConfig config, DaemonSettings settings, Machine.Factory machines, PrintStream console)
            throws Exception {
        Daemon daemon = new Daemon(config, settings, SystemdNotifier.fromEnvironment());
        try {
            daemon.open(machines, console);
        } catch (Exception | Error e) {
            daemon.release();
            throw e;
        }
        return daemon;
    }

    private void open(Machine.Factory machines, PrintStream console) throws Exception {
        if (settings.alipay() != null && settings.alipay().testBackend()) {
            log.warn("TEST BACKEND: {} is a simulator on this machine; no payment taken here is real", settings.alipay().gateway());
        }
        if (settings.wechat() != null && settings.wechat().testBackend()) {
            log.warn("TEST BACKEND: {} (WeChat Pay) is a simulator on this machine; no payment taken here is real",
                    settings.wechat().gateway());
        }
        log.info("qrvend {} starting: terminal {}, journal {}, control socket {}", version(), settings.terminalId(),
                config.journalPath(), config.controlSocket());
        Files.createDirectories(config.journalPath().toAbsolutePath().getParent());
        journal = Journal.open(config.journalPath(), Durability.FULL);
        scheduler = new ThreadScheduler("qrvend-engine", clock);
        network = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "qrvend-network");
            t.setDaemon(true); // a backend call never holds the process; a stop abandons it (release)
            return t;
        });
        hardware = Executors.newSingleThreadExecutor(r -> new Thread(r, "qrvend-relays"));
        for (Wallet wallet : settings.wallets()) {
            gateways.put(wallet, new ObservedGateway(settings.newGateway(wallet, clock), clock, settings.callDeadline(wallet)));
        }
        Consumer<InputEdge> inputs = edge -> {
            Engine current = engine;
            if (current != null) {
                new InputRouter(current).accept(edge);
            }
        };
        machine = machines.open(config.hardware(), journal.catalog(), scheduler, inputs);
        Display display = Hardware.openDisplay(config.hardware(), scheduler::now, console);
        if (!(config.hardware().display() instanceof HardwareConfig.AnsiSetting)) {
            display = new TickingDisplay(display, scheduler);
        }
        HardwareReport.log(config.hardware(), log);
        engine = Engine.builder().terminalId(settings.terminalId()).journal(journal).policy(settings.policy())
                .scheduler(scheduler).gateways(gateways).vend(new RelayVendMechanism(machine.relays())).display(display)
                .network(network).hardware(hardware).listener(new EngineListener() {
                    @Override
                    public void ready() {
                        systemd.notify("READY=1\nSTATUS=taking selections");
                        Watchdog.start(System.getenv("WATCHDOG_USEC"), systemd, scheduler, Daemon.this::wedged);
                    }

                    @Override
                    public void halted(Throwable cause) {
                        systemd.notify("STATUS=halted: " + cause.getMessage());
                    }
                })
                .build();
        control = ControlServer.start(config.controlSocket(),
                new ControlRequests(engine, new StatusJson(settings, gateways)));
        engine.start();
    }

    /** Why the watchdog must stop being pinged, or null while the terminal works. */
    private String wedged() {
        if (engine.halted().isPresent()) {
            return "the engine halted: " + engine.halted().get().getMessage();
        }
        for (ObservedGateway gateway : gateways.values()) {
            ObservedGateway.Health health = gateway.health();
            if (health.callOverdue()) {
                return "backend call '" + health.callInFlight() + "' still running " + health.callInFlightFor().toSeconds()
                        + " s after it began";
            }
        }
        return null;
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Stops as a shutdown should: waits up to {@code grace} in all for the machine to be free (unpaid
     * order cancelled, vend finished) and, within what is left of it, for refunds and cancels already
     * sent; then switches the relays off and closes everything, abandoning a backend call under way.
     * Sales still running in the background (a refund) are finished by recovery at the next start.
     * So a stop takes at most {@code grace} plus {@link #RELEASE_WAIT}, whatever the backend does.
     */
    public void stop(Duration grace) {
        systemd.notify("STOPPING=1");
        log.info("stopping: no new sales; waiting up to {} s for the sale in progress", grace.toSeconds());
        long end = System.nanoTime() + grace.toNanos();
        try {
            engine.drain().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            long left = Math.max(0, Math.min(SETTLE_WAIT.toNanos(), end - System.nanoTime()));
            engine.settled().get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.warn("sales still under way at the stop are finished by recovery at the next start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("draining failed: {}", e.getCause().toString());
        }
        release();
        log.info("stopped");
        stopped.countDown();
    }

    private void release() {
        if (control != null) {
            control.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (network != null) {
            network.shutdownNow(); // interrupts a call under way, which the gateway then abandons
            try {
                if (!network.awaitTermination(NETWORK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("a backend call did not end within {} s of the stop; left behind", NETWORK_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hardware != null) {
            hardware.shutdown();
            try {
                hardware.awaitTermination(5, TimeUnit.SECONDS); // a pulse in progress ends with its relay off
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (machine != null) {
            try {
                machine.close();
            } catch (Exception e) {
                log.error("switching the relays off failed: {}", e.getMessage());
            }
        }
        if (journal != null) {
            journal.close();
        }
    }

    private static String version() {
        String v = Daemon.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
