package io.qrvend.sim.bench;

import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.live.LiveTerminal;
import io.qrvend.sim.live.NotifySocket;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: from starting {@code java -jar qrvend.jar run} (the packaged daemon, mock GPIO, journal
 * holding many past sales) to its {@code READY=1} on a systemd notify socket, against
 * the floor of a JVM that starts and exits a trivial main with the same options; and the same start
 * with an application class-data-sharing archive made by one training start.
 */
final class StartupBench {
    /** The unit's JVM options (terminal/src/deb/systemd/qrvend.service), so the figures are those of the Pi. */
    static final List<String> UNIT_JVM = List.of("-Xmx48m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1");

    record Result(int pastSales, Figures floorMs, Figures readyMs, Figures readyCdsMs, long archiveBytes) {
    }

    private final Path dir;
    private final Path qrvendJar;
    private final PrintStream log;

    StartupBench(Path dir, Path qrvendJar, PrintStream log) {
        this.dir = dir;
        this.qrvendJar = qrvendJar;
        this.log = log;
    }

    Result run(int pastSales, int repeats) throws Exception {
        Files.createDirectories(dir);
        try (LiveTerminal terminal = LiveTerminal.create(dir, Map.of("display.type", "none", "terminal.id", "BENCH"),
                new FaultPlan(1), line -> { })) {
            long started = System.nanoTime();
            writePastSales(terminal.journalFile(), pastSales);
            log.printf("bench: journal with %d past sales written in %.1f s%n", pastSales, (System.nanoTime() - started) / 1e9);
            Path archive = dir.resolve("qrvend.jsa");
            List<String> daemon = List.of("-jar", qrvendJar.toString(), "run", "--config", terminal.config().toString());
            untilReady(withOptions(List.of("-XX:ArchiveClassesAtExit=" + archive), daemon));
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training start wrote no class-data archive " + archive);
            }
            List<Double> floor = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> cds = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                floor.add(untilExit(withOptions(List.of(), List.of("-cp", System.getProperty("java.class.path"),
                        TrivialMain.class.getName()))));
                plain.add(untilReady(withOptions(List.of(), daemon)));
                cds.add(untilReady(withOptions(List.of("-XX:SharedArchiveFile=" + archive), daemon)));
            }
            return new Result(pastSales, Figures.of(floor), Figures.of(plain), Figures.of(cds), Files.size(archive));
        }
    }

    /** Past sales as the daemon would have left them: each created, shown, paid, vending, vended. */
    static void writePastSales(Path journalFile, int sales) {
        try (Journal journal = Journal.open(journalFile, Durability.OFF)) {
            Slot slot = new Slot("A1", "Cola", 350, 1, true, sales + 100, true, Duration.ofSeconds(3));
            journal.catalog().put(slot);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < sales; i++) {
                Sale created = journal.openSale("BENCH", slot, Duration.ofSeconds(3), t);
                Sale shown = created.awaiting("https://qr.alipay.com/bax0" + i, t.plusMillis(300));
                journal.record(created, shown, "order created, QR shown", t.plusMillis(300), false);
                Sale paid = shown.paid(350, t.plusSeconds(12));
                journal.record(shown, paid, "paid 3.50", t.plusSeconds(12), false);
                Sale vending = paid.withState(SaleState.VENDING);
                journal.record(paid, vending, "relay pulsed", t.plusSeconds(12), false);
                journal.record(vending, vending.withState(SaleState.VENDED), "drop seen", t.plusSeconds(13), true);
                t = t.plusSeconds(97);
            }
        }
    }

    private static List<String> withOptions(List<String> extra, List<String> rest) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(UNIT_JVM);
        command.addAll(extra);
        command.addAll(rest);
        return command;
    }

    private static double untilExit(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not exit cleanly");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Starts the daemon with a notify socket, returns the milliseconds to READY=1, then stops it as systemd would. */
    private double untilReady(List<String> command) throws Exception {
        try (NotifySocket systemd = NotifySocket.open(dir.resolve("notify.sock"))) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
            builder.environment().put("NOTIFY_SOCKET", systemd.path().toString());
            long start = System.nanoTime();
            Process daemon = builder.start();
            try {
                long ready = systemd.await("READY=1", Duration.ofSeconds(120), daemon);
                return (ready - start) / 1e6;
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor();
                }
            }
        }
    }
}
