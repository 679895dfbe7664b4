package io.qrvend.sim.demo;

import io.qrvend.sim.TerminalRig;
import io.qrvend.sim.backend.AlipayModel;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.SimClient;
import io.qrvend.sim.cli.KeysCommand;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.SimulatedMachine;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.display.AnsiDisplay;
import io.qrvend.terminal.hardware.InputRouter;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.alipay.AlipayConfig;
import io.qrvend.terminal.payment.alipay.AlipayGateway;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.ThreadScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole story in real time on one machine with nothing attached: the real engine, a real journal
 * file and the real Alipay gateway, talking HTTP to the simulated Alipay backend on loopback with
 * freshly made keys; the real GPIO relay and input-line code on Pi4J's mock pins, with the simulated
 * vending machine on the other side; the QR drawn in the terminal as the ANSI display draws it.
 * Three customers press a button: one pays and gets the product, one pays at a jammed slot and is
 * refunded, one scans and walks away, and the order is cancelled.
 */
public final class Demo {
    /** Short windows so the story takes seconds; everything else is the daemon's default. */
    static final SalePolicy POLICY = new SalePolicy(Duration.ofSeconds(6), Duration.ofSeconds(1),
            Duration.ofMillis(300), 3, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMillis(300),
            Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(4),
            SalePolicy.VendingRecovery.REFUND, Duration.ofMillis(1500));

    /** A customer: which slot, and when (seconds after the QR appears) they scan and pay; -1 never. */
    record Customer(String slot, double scanAfter, double payAfter, String story) {
    }

    static final List<Customer> CUSTOMERS = List.of(
            new Customer("A1", 1.0, 2.0, "pays and gets the product"),
            new Customer("B1", 1.0, 2.0, "pays, but slot B1 is jammed"),
            new Customer("C1", 1.0, -1, "scans, then walks away without paying"));
    static final String APP_ID = "2021000000000001";

    /** The machine's wiring, in the daemon's configuration keys: relays and lines on mock pins. */
    static final Map<String, String> WIRING = Map.of(
            "gpio.provider", "mock",
            "relay.type", "gpio",
            "relay.gpio.pins", "17,27,22",
            "relay.gpio.active_low", "yes",
            "input.drop.pins", "A1=5,B1=6",
            "input.buttons", "A1=13,B1=19,C1=26");
    static final Map<String, Integer> CHANNELS = Map.of("A1", 1, "B1", 2, "C1", 3);

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the story; true if every sale ended as the story says and every invariant holds. */
    public boolean run(Path journalFile) throws Exception {
        try (Journal j = Journal.open(journalFile, Durability.FULL)) {
            j.putSlot(new Slot("A1", "Cola", 350, 1, true, 5, true, null));
            j.putSlot(new Slot("B1", "Water", 200, 2, true, 5, true, null));
            j.putSlot(new Slot("C1", "Green tea", 300, 3, false, 5, true, null));
        }
        Path keys = Files.createTempDirectory("qrvend-demo-keys");
        KeysCommand.write(keys);
        AlipayModel backend = new AlipayModel(Instant::now);
        BackendServer server = new BackendServer(backend, APP_ID, AlipayKeys.readPublicKey(keys.resolve("app_public.pem")),
                AlipayKeys.readPrivateKey(keys.resolve("alipay_private.pem")), new FaultPlan(1), 0);
        AlipayGateway gateway = new AlipayGateway(new AlipayConfig(server.gatewayUri(), APP_ID,
                AlipayKeys.readPrivateKey(keys.resolve("app_private.pem")), AlipayKeys.readPublicKey(keys.resolve("alipay_public.pem")),
                AlipayConfig.DEFAULT_CONNECT_TIMEOUT, AlipayConfig.DEFAULT_READ_TIMEOUT), Clock.systemUTC());
        SimClient phone = new SimClient(server.baseUri());
        say("journal %s", journalFile);
        say("simulated Alipay gateway %s (keys in %s)", server.gatewayUri(), keys);
        HardwareConfig wiring = HardwareConfig.read(ConfigFile.of("demo wiring", WIRING));
        say("simulated machine: %s", WIRING.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        ThreadScheduler scheduler = new ThreadScheduler("qrvend-engine", Clock.systemUTC());
        ExecutorService network = Executors.newSingleThreadExecutor(r -> new Thread(r, "qrvend-network"));
        ExecutorService hardware = Executors.newSingleThreadExecutor(r -> new Thread(r, "qrvend-relays"));
        ScheduledExecutorService customers = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-customers"));
        TerminalRig[] rig = new TerminalRig[1];
        SimulatedMachine machine = SimulatedMachine.start(wiring, CHANNELS, scheduler, Duration.ofMillis(700), Pause.SLEEP, edge -> {
            if (rig[0] != null && rig[0].engine() != null) {
                new InputRouter(rig[0].engine()).accept(edge);
            }
        });
        machine.model().jam(2, true);
        machine.model().onMotor((channel, falls) -> say("machine: relay %d turned the motor; %s", channel,
                falls ? "a product falls" : "nothing falls (jammed)"));
        machine.model().onDrop(channel -> say("machine: product dropped from channel %d, drop sensor line fires", channel));
        AnsiDisplay terminalScreen = new AnsiDisplay(out, Instant::now, false);
        CountDownLatch finished = new CountDownLatch(CUSTOMERS.size());
        List<Sale> endings = new ArrayList<>();
        int[] next = {0};
        Runnable nextCustomer = () -> {
            if (next[0] < CUSTOMERS.size()) {
                Customer c = CUSTOMERS.get(next[0]++);
                say("customer %d %s: presses button %s", next[0], c.story(), c.slot());
                machine.press(c.slot());
            }
        };
        EngineListener printer = new EngineListener() {
            @Override
            public void transition(Sale before, Sale after, String cause) {
                say("sale %d %s  %-16s -> %-16s %s", after.id(), after.orderNo(),
                        before == null ? "" : before.state(), after.state(), cause);
                if (after.state().isFinal()) {
                    endings.add(after);
                    finished.countDown();
                    scheduler.schedule(Duration.ofSeconds(2), nextCustomer);
                }
            }

            @Override
            public void ready() {
                scheduler.schedule(Duration.ofMillis(500), nextCustomer);
            }
        };
        rig[0] = new TerminalRig(journalFile, Durability.FULL, "DEMO1", POLICY, scheduler, gateway, machine.model(),
                screen -> {
                    say("screen  %s", describe(screen));
                    if (screen instanceof Screen.PaymentQr qr) {
                        synchronized (this) {
                            terminalScreen.show(screen);
                        }
                        Customer c = CUSTOMERS.get(next[0] - 1);
                        if (c.scanAfter() >= 0) {
                            customers.schedule(() -> say("customer's phone: POST /sim/scan %s -> %s", qr.orderNo(),
                                    phone(() -> phone.scan(qr.orderNo()))), millis(c.scanAfter()), TimeUnit.MILLISECONDS);
                        }
                        if (c.payAfter() >= 0) {
                            customers.schedule(() -> say("customer's phone: POST /sim/pay %s -> %s", qr.orderNo(),
                                    phone(() -> phone.pay(qr.orderNo()))), millis(c.payAfter()), TimeUnit.MILLISECONDS);
                        }
                    }
                }, network, hardware, printer).viaHardware(machine.relays());
        boolean done;
        try {
            rig[0].start();
            done = finished.await(60, TimeUnit.SECONDS);
            Thread.sleep(POLICY.screenHold().toMillis() + 200);
        } finally {
            scheduler.close();
            closeQuietly(machine);
            customers.shutdownNow();
            network.shutdownNow();
            hardware.shutdownNow();
            server.close();
            for (String f : KeysCommand.FILES) {
                Files.deleteIfExists(keys.resolve(f));
            }
            Files.deleteIfExists(keys);
        }
        if (!done) {
            say("FAILED: the sales did not finish within 60 s");
            rig[0].close();
            return false;
        }
        return report(rig[0], backend, endings);
    }

    private boolean report(TerminalRig rig, AlipayModel backend, List<Sale> endings) {
        Journal j = rig.journal();
        Invariants.Report r = Invariants.check(j.sales(), backend.ledger(), rig.pulsesByOrder(), rig.dropsByOrder(),
                j::history);
        rig.close();
        Map<String, SaleState> bySlot = endings.stream().collect(Collectors.toMap(Sale::slotId, Sale::state));
        boolean asTold = bySlot.equals(Map.of("A1", SaleState.VENDED, "B1", SaleState.REFUNDED, "C1", SaleState.CANCELLED));
        say("done: %d sales, %d vended, %d refunded, %d cancelled; journal and backend agree: %s",
                r.sales(), r.vended(), r.refunded(), r.cancelled(), r.safe() ? "yes" : "NO " + r.violations());
        if (!asTold) {
            say("FAILED: the sales ended %s", bySlot);
        }
        return asTold && r.safe();
    }

    private void closeQuietly(SimulatedMachine machine) {
        try {
            machine.close();
        } catch (Exception e) {
            say("closing the simulated machine: %s", e.getMessage());
        }
    }

    private static long millis(double seconds) {
        return (long) (seconds * 1000);
    }

    private interface PhoneCall {
        SimClient.Answer call() throws IOException, InterruptedException;
    }

    private static String phone(PhoneCall call) {
        try {
            return call.call().json();
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String describe(Screen screen) {
        if (screen instanceof Screen.Idle idle) {
            return "idle: " + idle.offers().stream().map(o -> o.slotId() + " " + o.name() + " " + Money.format(o.priceFen())
                    + (o.available() ? "" : " (sold out)")).collect(Collectors.joining(" | "));
        } else if (screen instanceof Screen.PaymentQr qr) {
            return "QR for " + qr.productName() + " " + Money.format(qr.priceFen()) + ": " + qr.qrText();
        } else if (screen instanceof Screen.Vending v) {
            return "vending " + v.productName();
        } else if (screen instanceof Screen.ThankYou t) {
            return "thank you, enjoy your " + t.productName();
        } else if (screen instanceof Screen.Refunded r) {
            return "refunded " + Money.format(r.amountFen()) + " for " + r.productName();
        } else if (screen instanceof Screen.Notice n) {
            return n.message();
        } else if (screen instanceof Screen.OutOfService o) {
            return "out of service: " + o.reason();
        }
        return screen.toString();
    }

    private synchronized void say(String format, Object... args) {
        double t = (System.nanoTime() - startNanos) / 1e9;
        out.printf("[%5.1fs] %s%n", t, String.format(format, args));
    }
}
