package io.qrvend.sim.bench;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.cli.QrvendCommand;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code qrvend sales --since} and {@code qrvend report} on a journal of many sales (a million: about
 * a year of a busy machine), timed in this JVM (the command from opening the journal to its last
 * line) and as the technician runs them ({@code java -jar qrvend.jar}, the JVM's start included).
 */
final class JournalQueryBench {
    record Result(int sales, int days, long journalBytes, double writeSeconds, String sinceDay, int sinceRows, Figures sinceMs,
                  String reportDay, Figures reportMs, Figures sinceProcessMs, Figures reportProcessMs, Figures floorProcessMs) {
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> SLOTS = List.of("A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3", "D1", "D2", "D3");

    private final Path dir;
    private final Path qrvendJar;
    private final PrintStream log;

    JournalQueryBench(Path dir, Path qrvendJar, PrintStream log) {
        this.dir = dir;
        this.qrvendJar = qrvendJar;
        this.log = log;
    }

    Result run(int sales, int days, int repeats) throws Exception {
        Files.createDirectories(dir);
        Path journal = dir.resolve("journal.db");
        Path config = dir.resolve("qrvend.conf");
        Files.writeString(config, "journal.path=" + journal + "\ncontrol.socket=" + dir.resolve("control.sock")
                + "\nrelay.type=lcus\nrelay.port=/dev/ttyUSB0\n");
        LocalDate first = LocalDate.of(2026, 1, 1);
        long started = System.nanoTime();
        writeSales(journal, sales, first, days);
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        long bytes = Files.size(journal);
        log.printf("bench: journal of %d sales over %d days written in %.1f s (%.0f MB)%n", sales, days, writeSeconds, bytes / 1e6);

        LocalDate last = first.plusDays(days - 1);
        String since = last.minusDays(6).toString();
        String day = last.minusDays(1).toString();
        List<String> sinceArgs = List.of("sales", "--since", since, "--csv", "--config", config.toString());
        List<String> reportArgs = List.of("report", "--day", day, "--config", config.toString());
        List<Double> sinceMs = new ArrayList<>();
        List<Double> reportMs = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            String out = inProcess(sinceArgs);
            sinceMs.add((System.nanoTime() - t) / 1e6);
            rows = (int) out.lines().count() - 1;
            t = System.nanoTime();
            inProcess(reportArgs);
            reportMs.add((System.nanoTime() - t) / 1e6);
        }
        // The floor: the same report on an empty journal, i.e. the JVM's start, picocli, the driver.
        Path empty = dir.resolve("empty.conf");
        Files.writeString(empty, "journal.path=" + dir.resolve("empty.db") + "\ncontrol.socket=" + dir.resolve("control.sock")
                + "\nrelay.type=lcus\nrelay.port=/dev/ttyUSB0\n");
        List<String> floorArgs = List.of("report", "--day", day, "--config", empty.toString());
        List<Double> sinceProcess = new ArrayList<>();
        List<Double> reportProcess = new ArrayList<>();
        List<Double> floorProcess = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            floorProcess.add(asProcess(floorArgs));
            sinceProcess.add(asProcess(sinceArgs));
            reportProcess.add(asProcess(reportArgs));
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(journal + suffix));
            Files.deleteIfExists(Path.of(dir.resolve("empty.db") + suffix));
        }
        return new Result(sales, days, bytes, writeSeconds, since, rows, Figures.of(sinceMs), day, Figures.of(reportMs),
                Figures.of(sinceProcess), Figures.of(reportProcess), Figures.of(floorProcess));
    }

    /**
     * Sales as the daemon leaves them, written in one transaction with plain SQL (through the journal's
     * own API a million sales take minutes): created, and a final state with its history row; most
     * vended, some refunded or cancelled, spread evenly over the days.
     */
    private static void writeSales(Path journalFile, int sales, LocalDate first, int days) throws SQLException {
        try (Journal journal = Journal.open(journalFile, Durability.OFF)) {
            for (int i = 0; i < SLOTS.size(); i++) {
                journal.catalog().put(new Slot(SLOTS.get(i), "Product " + SLOTS.get(i), 100L * (i + 2), i + 1, true, 1_000_000, true, null));
            }
        }
        Random random = new Random(1);
        long start = first.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long span = Duration.ofDays(days).toMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journalFile)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            try (PreparedStatement sale = c.prepareStatement("INSERT INTO sales (id, order_no, slot_id, product_name, channel, sensor, "
                    + "drop_window_ms, price_fen, state, created_at, awaiting_since, qr_code, cancel_sent, paid_at, paid_fen, "
                    + "refund_request_no, refunded_fen, updated_at) VALUES (?, ?, ?, ?, ?, 1, 3000, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement event = c.prepareStatement(
                         "INSERT INTO sale_events (sale_id, at, from_state, to_state, cause) VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= sales; id++) {
                    int slot = random.nextInt(SLOTS.size());
                    long price = 100L * (slot + 2);
                    long created = start + span * (id - 1) / sales;
                    int dice = random.nextInt(100);
                    String state = dice < 85 ? "VENDED" : dice < 90 ? "REFUNDED" : "CANCELLED";
                    boolean paid = !state.equals("CANCELLED");
                    String orderNo = String.format("BENCH_%08d", id);
                    sale.setLong(1, id);
                    sale.setString(2, orderNo);
                    sale.setString(3, SLOTS.get(slot));
                    sale.setString(4, "Product " + SLOTS.get(slot));
                    sale.setInt(5, slot + 1);
                    sale.setLong(6, price);
                    sale.setString(7, state);
                    sale.setLong(8, created);
                    sale.setLong(9, created + 300);
                    sale.setString(10, "https://qr.alipay.com/bax0" + id);
                    sale.setBoolean(11, !paid);
                    if (paid) {
                        sale.setLong(12, created + 12_000);
                    } else {
                        sale.setNull(12, java.sql.Types.INTEGER);
                    }
                    sale.setLong(13, paid ? price : 0);
                    sale.setString(14, state.equals("REFUNDED") ? orderNo + "R1" : null);
                    sale.setLong(15, state.equals("REFUNDED") ? price : 0);
                    sale.setLong(16, created + 13_000);
                    sale.executeUpdate();
                    event.setLong(1, id);
                    event.setLong(2, created);
                    event.setString(3, null);
                    event.setString(4, "CREATED");
                    event.setString(5, "slot " + SLOTS.get(slot) + " selected");
                    event.executeUpdate();
                    event.setLong(1, id);
                    event.setLong(2, created + 13_000);
                    event.setString(3, paid ? "VENDING" : "CANCELLING");
                    event.setString(4, state);
                    event.setString(5, "bench");
                    event.executeUpdate();
                }
            }
            try (PreparedStatement seq = c.prepareStatement("INSERT OR REPLACE INTO counters (name, value) VALUES ('order_seq', ?)")) {
                seq.setLong(1, sales);
                seq.executeUpdate();
            }
            c.commit();
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    /** The command as QrvendCommand runs it, its output kept in memory. */
    private static String inProcess(List<String> args) {
        StringWriter out = new StringWriter();
        CommandLine cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        TimeZoneDefault.run(() -> {
            int code = cl.execute(args.toArray(String[]::new));
            if (code != 0) {
                throw new IllegalStateException("qrvend " + String.join(" ", args) + " exited " + code);
            }
        });
        return out.toString();
    }

    /** The command as a technician runs it: a new JVM with the unit's options, output discarded. */
    private double asProcess(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(StartupBench.UNIT_JVM);
        command.add("-Duser.timezone=" + ZONE.getId());
        command.addAll(List.of("-jar", qrvendJar.toString()));
        command.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not exit cleanly");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The commands read days in the JVM's zone; the bench's sales are laid out in Shanghai's. */
    private static final class TimeZoneDefault {
        static void run(Runnable work) {
            java.util.TimeZone before = java.util.TimeZone.getDefault();
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(ZONE));
            try {
                work.run();
            } finally {
                java.util.TimeZone.setDefault(before);
            }
        }
    }
}
