package io.qrvend.sim.bench;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's commit of one sale transition as the daemon makes it (synchronous=FULL, WAL), against
 * the floor of a bare fsync of a small write to a file in the same directory.
 */
final class JournalBench {
    record Result(String directory, Figures commitMs, Figures fsyncMs) {
    }

    private final Path dir;

    JournalBench(Path dir) {
        this.dir = dir;
    }

    Result run(int transitions) throws IOException {
        Files.createDirectories(dir);
        List<Double> commits = new ArrayList<>();
        List<Double> fsyncs = new ArrayList<>();
        Path file = dir.resolve("bench-journal.db");
        try (Journal journal = Journal.open(file, Durability.FULL)) {
            Slot slot = new Slot("A1", "Cola", 350, 1, true, transitions, true, Duration.ofSeconds(3));
            journal.catalog().put(slot);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            int warmUp = 200;
            for (int i = 0; commits.size() < transitions; i++) {
                Sale created = journal.openSale("BENCH", slot, Duration.ofSeconds(3), t);
                Sale shown = created.awaiting("https://qr.alipay.com/bax0" + i, t);
                Sale paid = shown.paid(350, t);
                Sale vending = paid.withState(SaleState.VENDING);
                Sale vended = vending.withState(SaleState.VENDED);
                Sale[] steps = {created, shown, paid, vending, vended};
                for (int k = 1; k < steps.length; k++) {
                    long start = System.nanoTime();
                    journal.record(steps[k - 1], steps[k], "bench", t, steps[k].state() == SaleState.VENDED);
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (i * 4 + k > warmUp) {
                        commits.add(ms);
                    }
                }
                t = t.plusSeconds(60);
            }
        } finally {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
        Path plain = dir.resolve("bench-fsync.bin");
        try (FileChannel ch = FileChannel.open(plain, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer record = ByteBuffer.allocate(120);
            for (int i = 0; i < transitions + 200; i++) {
                record.clear();
                long start = System.nanoTime();
                ch.write(record);
                ch.force(false);
                double ms = (System.nanoTime() - start) / 1e6;
                if (i >= 200) {
                    fsyncs.add(ms);
                }
            }
        } finally {
            Files.deleteIfExists(plain);
        }
        return new Result(dir.toAbsolutePath().toString(), Figures.of(commits), Figures.of(fsyncs));
    }
}
