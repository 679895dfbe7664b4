package io.qrvend.sim.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.KeyFiles;
import io.qrvend.sim.backend.SimClient;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.backend.wechat.WechatMerchant;
import io.qrvend.sim.backend.wechat.WechatPayServer;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.MachineLog;
import io.qrvend.terminal.cli.QrvendCommand;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import io.qrvend.terminal.sale.Sale;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The whole product on one machine: the simulated Alipay and WeChat Pay backends on loopback (in this process) and
 * the real {@code qrvend run} daemon in a child process ({@code qrvend-sim machine}), configured
 * through a real configuration file and driven only the way people drive it: the {@code qrvend}
 * commands and the customer's phone (scan, pay over HTTP). Used by {@code scripts/demo} and by the
 * end-to-end tests. Both backends run and both wallets' keys are configured; {@code payment.wallets}
 * (alipay unless the settings say otherwise) decides which a sale offers.
 */
public final class LiveTerminal implements AutoCloseable {
    public static final String APP_ID = "2021000000000001";
    public static final String WECHAT_MCHID = "1900000109";
    public static final String WECHAT_APPID = "wxd678efh567hg6787";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path config;
    private final Path machineLog;
    private final FakeAlipay backend;
    private final BackendServer server;
    private final WechatPayServer wechatServer;
    private final Consumer<String> daemonOutput;
    private final List<String> daemonLines = Collections.synchronizedList(new ArrayList<>());
    /** What the daemon did that can be seen from outside: lines of output and exits. */
    private final EventCount daemonEvents = new EventCount();
    private DaemonProcess daemon;

    private LiveTerminal(Path dir, Path config, FakeAlipay backend, BackendServer server, WechatPayServer wechatServer,
                         Consumer<String> daemonOutput) {
        this.dir = dir;
        this.config = config;
        this.machineLog = dir.resolve("machine.log");
        this.backend = backend;
        this.server = server;
        this.wechatServer = wechatServer;
        this.daemonOutput = daemonOutput;
    }

    /**
     * Makes keys, starts the backend and writes {@code dir/qrvend.conf}: the base settings of a
     * simulated machine (GPIO relays on channels 1-4 of mock pins, drop sensors on A1..B2), with
     * {@code settings} added or replacing them.
     */
    public static LiveTerminal create(Path dir, Map<String, String> settings, FaultPlan faults, Consumer<String> daemonOutput)
            throws IOException {
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys);
        KeyFiles.write(keys);
        KeyFiles.writeWechat(keys);
        FakeAlipay backend = new FakeAlipay(Instant::now);
        BackendServer server = new BackendServer(backend, APP_ID, AlipayKeys.readPublicKey(keys.resolve("app_public.pem")),
                AlipayKeys.readPrivateKey(keys.resolve("alipay_private.pem")), faults, 0);
        WechatPayServer wechatServer;
        try {
            WechatMerchant merchant = new WechatMerchant(WECHAT_MCHID, WECHAT_APPID, KeyFiles.wechatMerchantSerial(keys),
                    AlipayKeys.readPublicKey(keys.resolve(KeyFiles.WECHAT_MERCHANT_PUBLIC)));
            wechatServer = new WechatPayServer(new FakeWechatPay(Instant::now), merchant,
                    AlipayKeys.readPrivateKey(keys.resolve(KeyFiles.WECHATPAY_PRIVATE)), KeyFiles.wechatPublicKeyId(keys), faults, 0);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("terminal.id", "SIM1");
        conf.put("journal.path", dir.resolve("journal.db").toString()); // = journalFile()
        conf.put("control.socket", dir.resolve("control.sock").toString());
        conf.put("alipay.gateway", server.gatewayUri().toString());
        conf.put("alipay.app_id", APP_ID);
        conf.put("alipay.app_private_key", keys.resolve("app_private.pem").toString());
        conf.put("alipay.public_key", keys.resolve("alipay_public.pem").toString());
        conf.put("wechat.gateway", wechatServer.baseUri().toString());
        conf.put("wechat.mchid", WECHAT_MCHID);
        conf.put("wechat.appid", WECHAT_APPID);
        conf.put("wechat.merchant_private_key", keys.resolve(KeyFiles.WECHAT_MERCHANT_PRIVATE).toString());
        conf.put("wechat.merchant_serial", KeyFiles.wechatMerchantSerial(keys));
        conf.put("wechat.public_key", keys.resolve(KeyFiles.WECHATPAY_PUBLIC).toString());
        conf.put("wechat.public_key_id", KeyFiles.wechatPublicKeyId(keys));
        conf.put("wechat.notify_url", "https://notify.example.com/qrvend/wechat"); // required by WeChat Pay; nothing listens
        conf.put("gpio.provider", "mock");
        conf.put("relay.type", "gpio");
        conf.put("relay.gpio.pins", "17,27,22,23");
        conf.put("relay.gpio.active_low", "yes");
        conf.put("input.drop.pins", "A1=5,A2=6,B1=13,B2=19");
        conf.put("display.type", "ansi");
        conf.putAll(settings);
        Path config = dir.resolve("qrvend.conf");
        StringBuilder text = new StringBuilder("# written by LiveTerminal for a simulated machine\n");
        conf.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text.toString());
        return new LiveTerminal(dir, config, backend, server, wechatServer, daemonOutput);
    }

    public Path config() {
        return config;
    }

    public FakeAlipay backend() {
        return backend;
    }

    public FakeWechatPay wechat() {
        return wechatServer.model();
    }

    /** The customer's phone: scans and pays over the backend's HTTP customer endpoints. */
    public SimClient phone() {
        return new SimClient(server.baseUri());
    }

    /** The customer's phone with WeChat: the simulated WeChat Pay's customer endpoints. */
    public SimClient wechatPhone() {
        return new SimClient(wechatServer.baseUri());
    }

    /** What a {@code qrvend} command printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    /** Runs {@code qrvend ARGS --config FILE}. */
    public Result qrvend(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return qrvendRaw(all.toArray(String[]::new));
    }

    /** Runs {@code qrvend ARGS} as given. */
    public static Result qrvendRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Starts {@code qrvend-sim machine} with this configuration and waits until it takes selections. */
    public void startDaemon(List<String> jammed) throws IOException, InterruptedException {
        startDaemon(jammed, Map.of());
    }

    /** The same, with extra environment variables (e.g. systemd's {@code NOTIFY_SOCKET}). */
    public void startDaemon(List<String> jammed, Map<String, String> environment) throws IOException, InterruptedException {
        startDaemon(jammed, environment, List.of(), Duration.ofMillis(500));
    }

    /** The same, with JVM options for the daemon (e.g. the unit's heap limit) and the machine's drop delay. */
    public void startDaemon(List<String> jammed, Map<String, String> environment, List<String> jvmOptions, Duration dropDelay)
            throws IOException, InterruptedException {
        // The daemon logs as in production, whatever logging the calling JVM's class path configures.
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.log.io.qrvend=info",
                "-Dorg.slf4j.simpleLogger.log.io.qrvend.terminal.engine.Engine=info",
                "-cp", System.getProperty("java.class.path"),
                "io.qrvend.sim.SimCommand", "machine", "--config", config.toString(), "--log", machineLog.toString(),
                "--drop-delay", dropDelay.toMillis() + "ms"));
        if (!jammed.isEmpty()) {
            command.add("--jam");
            command.add(String.join(",", jammed));
        }
        daemon = DaemonProcess.start(command, environment, dir.resolve("daemon.log"), line -> {
            daemonLines.add(line);
            daemonOutput.accept(line);
            daemonEvents.happened();
        });
        DaemonProcess started = daemon;
        started.onExit().thenRun(daemonEvents::happened);
        // The daemon logs "ready: taking selections" once status says ready (and its control socket is
        // open before that), so asking again at each line of output cannot miss the moment.
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            long seen = daemonEvents.now();
            if (!started.isAlive()) {
                throw new IOException("the daemon exited with " + started.exitValue() + ": " + String.join("\n", daemonLines));
            }
            Result status = qrvend("status", "--json");
            if (status.exit() == 0 && JSON.readTree(status.out()).path("state").asText().equals("ready")) {
                return;
            }
            if (!daemonEvents.awaitAfter(seen, giveUp)) {
                throw new IOException("the daemon was not ready within 60 s: " + status.err());
            }
        }
    }

    /** SIGTERM, as systemd stops it; returns the exit status (143 is the JVM's clean answer to SIGTERM). */
    public int stopDaemon() throws InterruptedException {
        return daemon.stop();
    }

    /** SIGKILL: a power cut, as far as the daemon can tell. */
    public void killDaemon() throws InterruptedException {
        daemon.kill();
    }

    /** The daemon's process id, for measuring it from outside. */
    public long daemonPid() {
        return daemon.pid();
    }

    /** What the machine physically did (see {@link MachineLog}). */
    public Path machineLog() {
        return machineLog;
    }

    public Path journalFile() {
        return dir.resolve("journal.db");
    }

    public List<String> daemonLines() {
        return List.copyOf(daemonLines);
    }

    /** Waits (bounded) until sale {@code orderNo} satisfies {@code done}, reading the journal file as a technician would. */
    public Sale awaitSale(String orderNo, Predicate<Sale> done, Duration limit) throws InterruptedException {
        Sale[] last = new Sale[1];
        return awaitJournal(journal -> {
            Optional<Sale> sale = journal.saleByOrderNo(orderNo);
            sale.ifPresent(s -> last[0] = s);
            return sale.filter(done);
        }, limit).orElseThrow(() -> new AssertionError(
                "sale " + orderNo + " did not get there within " + limit.toSeconds() + " s; last seen " + last[0]));
    }

    /**
     * Waits (bounded) until every order of the customer's sale that {@code orderNo} belongs to (one per
     * wallet offered) satisfies {@code done}; returns them in the order they were opened.
     */
    public List<Sale> awaitOrders(String orderNo, Predicate<Sale> done, Duration limit) throws InterruptedException {
        List<List<Sale>> last = new ArrayList<>(List.of(List.of()));
        return awaitJournal(journal -> {
            List<Sale> orders = ordersOf(journal, orderNo);
            last.set(0, orders);
            return !orders.isEmpty() && orders.stream().allMatch(done) ? Optional.of(orders) : Optional.empty();
        }, limit).orElseThrow(() -> new AssertionError(
                "the orders of " + orderNo + " did not get there within " + limit.toSeconds() + " s; last seen " + last.get(0)));
    }

    /** The orders of the customer's sale that {@code orderNo} belongs to, oldest first; empty if there is no such order. */
    public static List<Sale> ordersOf(Journal journal, String orderNo) {
        return journal.saleByOrderNo(orderNo)
                .map(first -> journal.sales().stream().filter(s -> s.groupId() == first.groupId()).toList())
                .orElse(List.of());
    }

    /**
     * Reads the journal file until {@code look} finds what it looks for, or {@code limit} passed (empty).
     * It reads again each time the daemon writes a line or exits, not on a timer: the daemon logs every
     * change of a sale after it is committed (journal first, then the rest), so no change goes unseen.
     */
    public <T> Optional<T> awaitJournal(Function<Journal, Optional<T>> look, Duration limit) throws InterruptedException {
        long giveUp = System.nanoTime() + limit.toNanos();
        while (true) {
            long seen = daemonEvents.now();
            try (Journal journal = Journal.open(journalFile(), Durability.FULL)) {
                Optional<T> found = look.apply(journal);
                if (found.isPresent()) {
                    return found;
                }
            }
            if (!daemonEvents.awaitAfter(seen, giveUp)) {
                return Optional.empty();
            }
        }
    }

    /** The invariants of DESIGN.md: the journal file against the backend's ledger and the machine's own log. */
    public Invariants.Report check() throws IOException {
        try (Journal journal = Journal.open(journalFile(), Durability.FULL)) {
            List<Sale> sales = journal.sales();
            List<MachineLog.Event> events = MachineLog.read(machineLog);
            List<Invariants.BackendOrder> orders = new ArrayList<>(Invariants.BackendOrder.alipay(backend.ledger()));
            orders.addAll(Invariants.BackendOrder.wechat(wechat().ledger()));
            return Invariants.checkOrders(sales, orders, MachineLog.perOrder(events, "pulse", sales, journal::history),
                    MachineLog.perOrder(events, "drop", sales, journal::history), journal::history, Invariants.SensorFaults.NONE);
        }
    }

    /** The order number a {@code qrvend sell} printed ("sale 3 SIM1_261122_00000003: ..."). */
    public static String orderOf(Result sell) {
        String[] words = sell.out().trim().split("\\s+");
        if (sell.exit() != 0 || words.length < 3) {
            throw new IllegalStateException("qrvend sell failed: " + sell.err() + sell.out());
        }
        return words[2].replace(":", "");
    }

    @Override
    public void close() {
        if (daemon != null && daemon.isAlive()) {
            try {
                daemon.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
        wechatServer.close();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A status answer, parsed. */
    public JsonNode status() throws IOException {
        Result r = qrvend("status", "--json");
        if (r.exit() != 0) {
            throw new IOException("qrvend status failed: " + r.err());
        }
        return JSON.readTree(r.out());
    }
}
