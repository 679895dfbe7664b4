package io.qrvend.sim.machine;

import io.qrvend.terminal.journal.SaleHistoryEntry;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What a simulated machine physically did, one line per event ({@code pulse CHANNEL EPOCH_MS},
 * {@code drop CHANNEL EPOCH_MS}), written by the daemon process running it and read by the checks
 * after the process is gone, so they never rely on the journal to say what the motors did.
 */
public final class MachineLog {
    private final Path file;

    private MachineLog(Path file) {
        this.file = file;
    }

    /** Appends the model's motor turns and drops to {@code file}, flushed line by line. */
    public static void record(FakeVendingMachine model, Path file) {
        MachineLog log = new MachineLog(file);
        model.onMotor((channel, falls) -> log.append("pulse " + channel + " " + System.currentTimeMillis()));
        model.onDrop(channel -> log.append("drop " + channel + " " + System.currentTimeMillis()));
    }

    private synchronized void append(String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("machine log " + file, e);
        }
    }

    /** One physical event. */
    public record Event(String kind, int channel, Instant at) {
    }

    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            if (f.length == 3) {
                events.add(new Event(f[0], Integer.parseInt(f[1]), Instant.ofEpochMilli(Long.parseLong(f[2]))));
            }
        }
        return events;
    }

    /**
     * Counts events of {@code kind} per order: each goes to the sale on that channel that most
     * recently entered VENDING at or before it (one sale vends at a time; a late drop still counts
     * for the sale that fired it). An event no sale explains counts for "(no sale)".
     */
    public static Map<String, Integer> perOrder(List<Event> events, String kind, List<Sale> sales,
            LongFunction<List<SaleHistoryEntry>> history) {
        Map<String, Integer> counts = new HashMap<>();
        for (Event e : events) {
            if (!e.kind().equals(kind)) {
                continue;
            }
            String owner = "(no sale)";
            Instant best = null;
            for (Sale s : sales) {
                if (s.channel() != e.channel()) {
                    continue;
                }
                for (SaleHistoryEntry h : history.apply(s.id())) {
                    if (h.to() == SaleState.VENDING && !h.at().isAfter(e.at()) && (best == null || h.at().isAfter(best))) {
                        best = h.at();
                        owner = s.orderNo();
                    }
                }
            }
            counts.merge(owner, 1, Integer::sum);
        }
        return counts;
    }
}
