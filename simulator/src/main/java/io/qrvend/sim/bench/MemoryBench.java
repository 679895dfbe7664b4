package io.qrvend.sim.bench;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.live.LiveTerminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory over a soak: one daemon process with the unit's heap limit serves {@code sales} quick
 * customers (pay at once, short pulse and drop) and is sampled from outside every so often: resident
 * set (/proc/PID/status) and heap in use right after a full collection (jcmd GC.run, GC.heap_info).
 */
final class MemoryBench {
    /** One sample: after how many sales, resident set and heap after a full GC, in KiB. */
    record Sample(int sales, long rssKib, long heapKib) {
    }

    record Result(int sales, String jvmOptions, long peakRssKib, long peakHeapKib, List<Sample> samples,
                  double rssSlopeKibPer1000, double heapSlopeKibPer1000, double seconds) {
    }

    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    private final Path dir;
    private final PrintStream log;

    MemoryBench(Path dir, PrintStream log) {
        this.dir = dir;
        this.log = log;
    }

    Result run(int sales, int samples) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> quick = Map.of("display.type", "none", "terminal.id", "SOAK", "sale.poll.unscanned", "50ms",
                "sale.poll.scanned", "50ms", "sale.pulse", "30ms", "sale.screen_hold", "10ms");
        try (LiveTerminal terminal = LiveTerminal.create(dir, quick, new FaultPlan(1), line -> { })) {
            LiveTerminal.Result slot = terminal.qrvend("slot", "set", "A1", "--name", "Cola", "--price", "3.50", "--channel", "1",
                    "--stock", String.valueOf(sales + 100));
            if (slot.exit() != 0) {
                throw new IllegalStateException("qrvend slot set: " + slot.err());
            }
            terminal.startDaemon(List.of(), Map.of(), StartupBench.UNIT_JVM, Duration.ofMillis(20));
            long pid = terminal.daemonPid();
            FakeAlipay backend = terminal.backend();
            List<Sample> taken = new ArrayList<>();
            taken.add(sample(pid, 0));
            int every = Math.max(1, sales / samples);
            long started = System.nanoTime();
            for (int i = 1; i <= sales; i++) {
                String order = LatencyBench.sell(terminal, Duration.ofMillis(5));
                awaitTrue(() -> backend.scan(order), order + " scannable");
                awaitTrue(() -> backend.pay(order), order + " payable");
                if (i % every == 0) {
                    taken.add(sample(pid, i));
                    log.printf("bench: soak %d sales, RSS %d MiB, heap %d MiB%n", i, taken.get(taken.size() - 1).rssKib() / 1024,
                            taken.get(taken.size() - 1).heapKib() / 1024);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long peakRss = status(pid, "VmHWM");
            terminal.stopDaemon();
            List<Sample> settled = taken.subList(taken.size() / 5, taken.size()); // after warm-up
            return new Result(sales, String.join(" ", StartupBench.UNIT_JVM), peakRss,
                    taken.stream().mapToLong(Sample::heapKib).max().orElse(0), taken,
                    slope(settled, Sample::rssKib), slope(settled, Sample::heapKib), seconds);
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** The customer's phone retries until the order exists at the backend (the daemon creates it a moment after the selection). */
    private static void awaitTrue(Check check, String what) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.ok()) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("not " + what + " within 30 s");
            }
            Thread.sleep(2);
        }
    }

    private static Sample sample(long pid, int sales) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
        long heap = 0;
        while (m.find()) {
            heap += Long.parseLong(m.group(1));
        }
        if (heap == 0) {
            throw new IOException("jcmd " + pid + " GC.heap_info showed no generation in use");
        }
        return new Sample(sales, status(pid, "VmRSS"), heap);
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("/proc/" + pid + "/status has no " + field);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + ": " + out);
        }
        return out;
    }

    /** Least-squares slope in KiB per 1000 sales. */
    private static double slope(List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
        double n = samples.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            double x = s.sales() / 1000.0;
            double y = value.applyAsLong(s);
            sx += x;
            sy += y;
            sxy += x * y;
            sxx += x * x;
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }
}
