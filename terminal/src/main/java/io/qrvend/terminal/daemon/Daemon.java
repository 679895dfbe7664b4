package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.drivers.input.InputEdge;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.display.TickingDisplay;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.engine.EngineStatus;
import io.qrvend.terminal.engine.Selection;
import io.qrvend.terminal.hardware.Hardware;
import io.qrvend.terminal.hardware.InputRouter;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.alipay.AlipayGateway;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.time.ThreadScheduler;
import io.qrvend.terminal.vend.RelayVendMechanism;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code qrvend run}: the terminal as a service. Opens the journal, the machine, the display and the
 * gateway; recovers unfinished sales; then tells systemd it is ready and pings the watchdog from the
 * engine's own thread, so a stuck engine gets the service restarted. {@link #stop} closes cleanly:
 * no new sales, an unpaid order cancelled, a vend in flight finished, relays off.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final Duration CONTROL_WAIT = Duration.ofSeconds(10);
    /** How long a stop waits for refunds and cancels already sent to be answered. */
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(10);
    /** How long closing down waits for the abandoned backend call to end. */
    private static final Duration NETWORK_WAIT = Duration.ofSeconds(2);
    /**
     * The most that closing down takes after the grace: the engine thread (5 s), the backend call
     * (2 s), a relay pulse in progress (5 s). Grace plus this stays inside the unit's TimeoutStopSec.
     */
    public static final Duration RELEASE_WAIT = Duration.ofSeconds(12);

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
    private ObservedGateway gateway;
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
        if (settings.alipay().testBackend()) {
            log.warn("TEST BACKEND: {} is a simulator on this machine; no payment taken here is real", settings.alipay().gateway());
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
        gateway = new ObservedGateway(new AlipayGateway(settings.alipay(), clock), clock, settings.alipay().callDeadline());
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
        engine = Engine.builder().terminalId(settings.terminalId()).journal(journal).policy(settings.policy())
                .scheduler(scheduler).gateway(gateway).vend(new RelayVendMechanism(machine.relays())).display(display)
                .network(network).hardware(hardware).listener(new EngineListener() {
                    @Override
                    public void ready() {
                        systemd.notify("READY=1\nSTATUS=taking selections");
                        startWatchdog();
                    }

                    @Override
                    public void halted(Throwable cause) {
                        systemd.notify("STATUS=halted: " + cause.getMessage());
                    }
                })
                .build();
        control = ControlServer.start(config.controlSocket(), this::handle);
        engine.start();
    }

    /** Pings systemd's watchdog from the engine thread at half the interval systemd asked for. */
    private void startWatchdog() {
        String usec = System.getenv("WATCHDOG_USEC");
        if (usec == null || !systemd.enabled()) {
            return;
        }
        Duration interval;
        try {
            interval = Duration.ofNanos(Long.parseLong(usec) * 1000 / 2);
        } catch (NumberFormatException e) {
            log.warn("WATCHDOG_USEC={} is not a number; the watchdog is not pinged", usec);
            return;
        }
        log.info("pinging the systemd watchdog every {} ms", interval.toMillis());
        Runnable[] ping = new Runnable[1];
        ping[0] = () -> {
            if (engine.halted().isEmpty()) {
                systemd.notify("WATCHDOG=1");
                scheduler.schedule(interval, ping[0]);
            }
        };
        scheduler.execute(ping[0]);
    }

    private ObjectNode handle(JsonNode request) {
        String command = request.path("command").asText("");
        try {
            switch (command) {
                case "status" -> {
                    return status(engine.status().get(CONTROL_WAIT.toMillis(), TimeUnit.MILLISECONDS));
                }
                case "sell" -> {
                    String slot = request.path("slot").asText("");
                    if (slot.isEmpty()) {
                        return ControlProtocol.error("sell needs a slot");
                    }
                    Selection selection = engine.select(slot).get(CONTROL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (selection instanceof Selection.Accepted accepted) {
                        return ControlProtocol.ok().put("sale", accepted.saleId()).put("order", accepted.orderNo());
                    }
                    return ControlProtocol.error(((Selection.Refused) selection).reason());
                }
                case "cancel" -> {
                    boolean cancelled = engine.cancel().get(CONTROL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return cancelled ? ControlProtocol.ok() : ControlProtocol.error("no sale is awaiting payment");
                }
                case "catalog-changed" -> {
                    engine.catalogChanged();
                    return ControlProtocol.ok();
                }
                default -> {
                    return ControlProtocol.error("unknown command '" + command + "'");
                }
            }
        } catch (TimeoutException e) {
            return ControlProtocol.error("the engine did not answer within " + CONTROL_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlProtocol.error("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return ControlProtocol.error(String.valueOf(e.getCause().getMessage()));
        }
    }

    private ObjectNode status(EngineStatus status) {
        ObjectNode out = ControlProtocol.ok();
        out.put("state", status.haltedBecause() != null ? "halted" : status.closing() ? "closing" : status.ready() ? "ready" : "recovering");
        out.put("terminal", settings.terminalId());
        out.put("uptime_s", status.uptime().toSeconds());
        out.put("last_clock_step", status.lastClockStep() == null ? null
                : status.lastClockStep().describe() + " at " + status.lastClockStep().at());
        out.put("gateway", settings.alipay().gateway().toString());
        out.put("test_backend", settings.alipay().testBackend());
        ObservedGateway.Health health = gateway.health();
        out.put("backend_last_answer", health.lastAnswer() == null ? null : health.lastAnswer().toString());
        out.put("backend_last_error", health.lastFailure() == null ? null : health.lastFailureAt() + " " + health.lastFailure());
        out.put("backend_call_in_flight", health.callInFlight());
        out.put("backend_call_in_flight_ms", health.callInFlightFor() == null ? null : health.callInFlightFor().toMillis());
        out.put("backend_call_overdue", health.callOverdue());
        out.put("halted_because", status.haltedBecause());
        out.put("active_sales", status.activeSales());
        Sale sale = status.customerSale();
        if (sale != null) {
            out.putObject("sale").put("id", sale.id()).put("order", sale.orderNo()).put("slot", sale.slotId())
                    .put("product", sale.productName()).put("price", Money.format(sale.priceFen())).put("state", sale.state().name());
        }
        return out;
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
