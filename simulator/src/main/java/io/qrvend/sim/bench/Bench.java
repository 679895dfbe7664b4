package io.qrvend.sim.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.payment.Wallet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmarks of issue 7 and writes {@code REPORT.md} and {@code results.json}: each figure
 * with its baseline from the same run and its target.
 */
public final class Bench {
    /** What to run and how much of it. */
    public record Options(Path out, Path work, Path qrvendJar, int sales, int machines, int pastSales, int startRepeats,
                          int soakSales, int transitions, int draws, long seed, String commandLine) {
    }

    /** The fixed interval of Alipay's own face-to-face demo: one query every 5 s, scanned or not. */
    static final LatencyBench.Policy ALIPAY_DEMO = new LatencyBench.Policy("alipay-demo-5s", Wallet.ALIPAY,
            Map.of("sale.poll.unscanned", "5s", "sale.poll.scanned", "5s"));
    static final LatencyBench.Policy DEFAULTS = new LatencyBench.Policy("qrvend-default", Wallet.ALIPAY, Map.of());

    /**
     * WeChat Pay alone, polled at one steady interval: the default first, then two longer intervals,
     * because at the default the queries come close to one per waiting second (the one that finds the
     * payment comes on top of one per interval) and the target allows no more, while each 100 ms
     * more adds ~50 ms to the median latency.
     */
    static final List<LatencyBench.Policy> WECHAT = List.of(
            new LatencyBench.Policy("wechat-default", Wallet.WECHAT, Map.of()),
            new LatencyBench.Policy("wechat-1.1s", Wallet.WECHAT, Map.of("sale.poll.wechat", "1100ms")),
            new LatencyBench.Policy("wechat-1.2s", Wallet.WECHAT, Map.of("sale.poll.wechat", "1200ms")));

    /** The WeChat Pay latency figures with how and when they were made (they may be made alone, later than the rest). */
    record WechatLatency(String command, String made, String machine, String load, List<LatencyBench.Result> results) {
    }

    private final Options options;
    private final PrintStream log;

    public Bench(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public void run() throws Exception {
        Files.createDirectories(options.out());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", options.commandLine());
        json.put("machine", machine());
        StringBuilder md = new StringBuilder();
        md.append("# qrvend benchmarks\n\n");
        md.append("Made by `").append(options.commandLine()).append("` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))).append(".\n");
        md.append("Machine: ").append(machine()).append(". Raw figures: `results.json`.\n\n");

        log.println("bench: QR screen ...");
        List<QrScreenBench.Result> qr = QrScreenBench.inDaemonJvm(options.work().resolve("qr"), options.draws());
        json.put("qr_screen", qr);
        log.println("bench: journal ...");
        JournalBench.Result journal = new JournalBench(options.work().resolve("journal")).run(options.transitions());
        json.put("journal", journal);
        log.println("bench: journal queries (" + QUERY_SALES + " sales) ...");
        JournalQueryBench.Result queries = journalQueries();
        json.put("journal_queries", queries);
        log.println("bench: start-up ...");
        StartupBench.Result startup = new StartupBench(options.work().resolve("startup"), options.qrvendJar(), log)
                .run(options.pastSales(), options.startRepeats());
        json.put("startup", startup);
        log.println("bench: confirmation latency (" + options.sales() + " sales per policy) ...");
        List<LatencyBench.Result> latency = new LatencyBench(options.work().resolve("latency"), log)
                .run(List.of(DEFAULTS, ALIPAY_DEMO), options.sales(), options.machines(), options.seed());
        json.put("latency", latency);
        // After Alipay's, not beside it, so that Alipay's figures are made as they always were.
        WechatLatency wechat = wechatLatency(options.commandLine());
        json.put("latency_wechat", wechat);
        log.println("bench: memory soak (" + options.soakSales() + " sales) ...");
        MemoryBench.Result memory = new MemoryBench(options.work().resolve("soak"), log).run(options.soakSales(), 20);
        json.put("memory", memory);

        latencySection(md, latency);
        wechatLatencySection(md, wechat);
        startupSection(md, startup);
        memorySection(md, memory);
        journalSection(md, journal);
        journalQueriesSection(md, queries);
        qrSection(md, qr);
        Files.writeString(options.out().resolve("REPORT.md"), md.toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().resolve("results.json").toFile(), json);
        log.println("bench: wrote " + options.out().resolve("REPORT.md") + " and results.json");
    }

    /** A journal of this many sales (about a year of a busy machine) for the technician's queries. */
    static final int QUERY_SALES = 1_000_000;
    static final int QUERY_DAYS = 365;

    private JournalQueryBench.Result journalQueries() throws Exception {
        return new JournalQueryBench(options.work().resolve("queries"), options.qrvendJar(), log).run(QUERY_SALES, QUERY_DAYS, 5);
    }

    /** Only the journal queries: prints their section and writes journal-queries.json to the output directory. */
    public void runJournalQueries() throws Exception {
        Files.createDirectories(options.out());
        log.println("bench: journal queries (" + QUERY_SALES + " sales) ...");
        JournalQueryBench.Result queries = journalQueries();
        StringBuilder md = new StringBuilder();
        md.append("Made by `").append(options.commandLine()).append(" --only journal-queries` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT))).append(". Machine: ")
                .append(machine()).append(".\n\n");
        journalQueriesSection(md, queries);
        log.print(md);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().resolve("journal-queries.json").toFile(),
                Map.of("command", options.commandLine() + " --only journal-queries", "machine", machine(), "journal_queries", queries));
    }

    private WechatLatency wechatLatency(String command) throws Exception {
        log.println("bench: confirmation latency with WeChat Pay alone (" + options.sales() + " sales per policy) ...");
        String loadBefore = loadAverage();
        List<LatencyBench.Result> results = new LatencyBench(options.work().resolve("latency-wechat"), log)
                .run(WECHAT, options.sales(), options.machines(), options.seed());
        return new WechatLatency(command, now(), machine(), loadBefore + " before, " + loadAverage() + " after", results);
    }

    /**
     * Only the WeChat Pay latency: prints its section and puts its figures into results.json in the
     * output directory under {@code latency_wechat}, keeping the other sections' figures there.
     */
    public void runWechatLatency() throws Exception {
        Files.createDirectories(options.out());
        WechatLatency wechat = wechatLatency(options.commandLine() + " --only latency-wechat");
        StringBuilder md = new StringBuilder();
        md.append("Made by `").append(wechat.command()).append("` on ").append(wechat.made()).append(". Machine: ")
                .append(wechat.machine()).append(".\n\n");
        wechatLatencySection(md, wechat);
        log.print(md);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path resultsFile = options.out().resolve("results.json");
        ObjectNode json = Files.isRegularFile(resultsFile) ? (ObjectNode) mapper.readTree(resultsFile.toFile()) : mapper.createObjectNode();
        json.set("latency_wechat", mapper.valueToTree(wechat));
        mapper.writeValue(resultsFile.toFile(), json);
        log.println("bench: wrote latency_wechat into " + resultsFile);
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT));
    }

    /** The 1-, 5- and 15-minute load averages: the latency runs in real time, so a busy machine shows in it. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (java.io.IOException e) {
            // keep "unknown CPU"
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s %s, Java %s (%s)", Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }

    private void latencySection(StringBuilder md, List<LatencyBench.Result> results) {
        LatencyBench.Result ours = results.get(0);
        LatencyBench.Result demo = results.get(1);
        md.append("## 1. Confirmation latency with Alipay (payment recorded by the backend -> vend relay rising edge)\n\n");
        md.append(String.format(Locale.ROOT, "%d sales per policy on %d simulated machines per policy at once, each a real `qrvend` daemon "
                + "process (mock GPIO, the unit's JVM options) talking HTTP to its own backend simulator; customers scan 3-15 s after the QR "
                + "appears and pay 2-10 s after scanning.%n%n", options.sales(), options.machines()));
        md.append("| policy | sales | p50 ms | p90 ms | p99 ms | max ms | queries/sale | queries/waiting s | waiting s/sale |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (LatencyBench.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d%s | %s | %s | %s | %s | %.2f | %.3f | %.1f |%n", r.policy(), r.sales(),
                    r.unfinished() == 0 ? "" : " (" + r.unfinished() + " not counted)", Figures.num(r.latencyMs().p50()), Figures.num(r.latencyMs().p90()),
                    Figures.num(r.latencyMs().p99()), Figures.num(r.latencyMs().max()), r.queriesPerSale(), r.queriesPerWaitingSecond(),
                    r.meanWaitingSeconds()));
        }
        boolean met = ours.latencyMs().p50() < 300 && ours.latencyMs().p99() < 800 && ours.queriesPerWaitingSecond() <= 1.0;
        md.append(String.format(Locale.ROOT, "%nTarget (default configuration): p50 < 300 ms, p99 < 800 ms, at most 1 query per waiting "
                + "second: %s. Against the 5 s demo interval, p50 is %.1fx shorter (%s vs %s ms) for %.1fx the queries per "
                + "waiting second.%n%n", verdict(met), demo.latencyMs().p50() / ours.latencyMs().p50(), Figures.num(ours.latencyMs().p50()),
                Figures.num(demo.latencyMs().p50()), ours.queriesPerWaitingSecond() / demo.queriesPerWaitingSecond()));
        for (LatencyBench.Result r : results) {
            md.append("Histogram, ").append(r.policy()).append(" (ms):\n\n```\n")
                    .append(Figures.histogram(r.latencies(), r == ours ? 50 : 500, "ms", 50)).append("```\n\n");
        }
    }

    /** The WeChat Pay target: a payment seen and vended within 600 ms at the median, at most one query per waiting second. */
    static boolean wechatTargetMet(LatencyBench.Result r) {
        return r.latencyMs().p50() < 600 && r.queriesPerWaitingSecond() <= 1.0;
    }

    private void wechatLatencySection(StringBuilder md, WechatLatency wechat) {
        List<LatencyBench.Result> results = wechat.results();
        md.append("## 1b. Confirmation latency with WeChat Pay alone\n\n");
        md.append(String.format(Locale.ROOT, "As section 1, with machines that offer WeChat Pay alone (`payment.wallets=wechat`), whose "
                + "customers scan and pay on the simulated WeChat Pay backend (signed API v3 over HTTP). WeChat Pay reports no scan, "
                + "so an order is asked for at one steady interval, `sale.poll.wechat`, from the QR to the payment. %d sales per "
                + "policy on %d machines per policy, all policies at once; load average (1, 5, 15 min) %s.%n%n",
                options.sales(), options.machines(), wechat.load()));
        md.append("| policy | sales | p50 ms | p90 ms | p99 ms | max ms | queries/sale | queries/waiting s | waiting s/sale | target |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (LatencyBench.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d%s | %s | %s | %s | %s | %.2f | %.3f | %.1f | %s |%n", r.policy(), r.sales(),
                    r.unfinished() == 0 ? "" : " (" + r.unfinished() + " not counted)", Figures.num(r.latencyMs().p50()),
                    Figures.num(r.latencyMs().p90()), Figures.num(r.latencyMs().p99()), Figures.num(r.latencyMs().max()), r.queriesPerSale(),
                    r.queriesPerWaitingSecond(), r.meanWaitingSeconds(), wechatTargetMet(r) ? "met" : "missed"));
        }
        md.append(String.format(Locale.ROOT, "%nTarget (WeChat Pay alone, default configuration): p50 < 600 ms at no more than 1 "
                + "query per waiting second: %s. The queries per sale include the one that finds the payment.%n%n", verdict(wechatTargetMet(results.get(0)))));
        for (LatencyBench.Result r : results) {
            md.append("Histogram, ").append(r.policy()).append(" (ms):\n\n```\n")
                    .append(Figures.histogram(r.latencies(), 100, "ms", 50)).append("```\n\n");
        }
    }

    private void startupSection(StringBuilder md, StartupBench.Result r) {
        md.append("## 2. Start-up (process start -> READY=1 on the notify socket)\n\n");
        md.append(String.format(Locale.ROOT, "`java %s -jar terminal/target/qrvend.jar run` with a journal of %d past sales, mock GPIO, "
                + "backend simulator on loopback; %d starts each, medians below. Floor: the same JVM options running a trivial "
                + "`main` to exit.%n%n", String.join(" ", StartupBench.UNIT_JVM), r.pastSales(), r.readyMs().count()));
        md.append("| start | p50 ms | max ms | ratio to floor (p50) |\n|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| floor: trivial main | %s | %s | 1.0 |%n", Figures.num(r.floorMs().p50()), Figures.num(r.floorMs().max())));
        md.append(String.format(Locale.ROOT, "| qrvend run | %s | %s | %.1f |%n", Figures.num(r.readyMs().p50()), Figures.num(r.readyMs().max()),
                r.readyMs().p50() / r.floorMs().p50()));
        md.append(String.format(Locale.ROOT, "| qrvend run, AppCDS archive (%.1f MB) | %s | %s | %.1f |%n", r.archiveBytes() / 1e6,
                Figures.num(r.readyCdsMs().p50()), Figures.num(r.readyCdsMs().max()), r.readyCdsMs().p50() / r.floorMs().p50()));
        double best = Math.min(r.readyMs().p50(), r.readyCdsMs().p50()) / r.floorMs().p50();
        md.append(String.format(Locale.ROOT, "%nTarget: at most 3x the floor: %s (best %.1fx).%n%n", verdict(best <= 3), best));
    }

    private void memorySection(StringBuilder md, MemoryBench.Result r) {
        md.append("## 3. Memory over a soak\n\n");
        md.append(String.format(Locale.ROOT, "%d quick sales (pay at once, 30 ms pulse) through one daemon process with the unit's `%s`, "
                + "in %.0f s; sampled from outside %d times (resident set from /proc, heap in use after a full GC from jcmd).%n%n",
                r.sales(), r.jvmOptions(), r.seconds(), r.samples().size()));
        md.append("| after sales | RSS MiB | heap after GC MiB |\n|---|---|---|\n");
        for (MemoryBench.Sample s : r.samples()) {
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f |%n", s.sales(), s.rssKib() / 1024.0, s.heapKib() / 1024.0));
        }
        md.append(String.format(Locale.ROOT, "%nPeak RSS %.1f MiB (VmHWM), peak heap after GC %.1f MiB. Trend after the first fifth: "
                + "RSS %+.0f KiB, heap %+.0f KiB per 1000 sales. Target: RSS under 128 MB: %s.%n%n", r.peakRssKib() / 1024.0,
                r.peakHeapKib() / 1024.0, r.rssSlopeKibPer1000(), r.heapSlopeKibPer1000(), verdict(r.peakRssKib() * 1024L < 128_000_000L)));
    }

    private void journalSection(StringBuilder md, JournalBench.Result r) {
        md.append("## 4. Journal commit of one sale transition\n\n");
        md.append("`Journal.record` with `synchronous=FULL` (WAL), as the daemon commits, in `").append(r.directory())
                .append("`; floor: a 120-byte append and `fdatasync` to a file in the same directory.\n\n");
        md.append("| | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| commit | %s | %s | %s | %s |%n", Figures.num(r.commitMs().p50()), Figures.num(r.commitMs().p90()),
                Figures.num(r.commitMs().p99()), Figures.num(r.commitMs().max())));
        md.append(String.format(Locale.ROOT, "| fsync floor | %s | %s | %s | %s |%n", Figures.num(r.fsyncMs().p50()), Figures.num(r.fsyncMs().p90()),
                Figures.num(r.fsyncMs().p99()), Figures.num(r.fsyncMs().max())));
        double ratio = r.commitMs().p99() / r.fsyncMs().p99();
        md.append(String.format(Locale.ROOT, "%nTarget: commit p99 at most 3x the floor's p99: %s (%.1fx).%n%n", verdict(ratio <= 3), ratio));
    }

    private void journalQueriesSection(StringBuilder md, JournalQueryBench.Result r) {
        md.append("## 6. The technician's queries on a journal of ").append(String.format(Locale.ROOT, "%,d", r.sales())).append(" sales\n\n");
        md.append(String.format(Locale.ROOT, "%,d sales over %d days (%.0f MB journal, written in %.1f s), 12 slots. `qrvend sales --since %s --csv` "
                + "(%,d sales listed) and `qrvend report --day %s`, %d times each in the bench's JVM (from opening the journal to the last "
                + "line), and as a technician runs them (`java -jar qrvend.jar` with the unit's JVM options, start-up included).%n%n",
                r.sales(), r.days(), r.journalBytes() / 1e6, r.writeSeconds(), r.sinceDay(), r.sinceRows(), r.reportDay(), r.sinceMs().count()));
        md.append("| command | in the JVM p50 ms | max ms | as a process p50 ms | max ms |\n|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| sales --since | %s | %s | %s | %s |%n", Figures.num(r.sinceMs().p50()), Figures.num(r.sinceMs().max()),
                Figures.num(r.sinceProcessMs().p50()), Figures.num(r.sinceProcessMs().max())));
        md.append(String.format(Locale.ROOT, "| report | %s | %s | %s | %s |%n", Figures.num(r.reportMs().p50()), Figures.num(r.reportMs().max()),
                Figures.num(r.reportProcessMs().p50()), Figures.num(r.reportProcessMs().max())));
        md.append(String.format(Locale.ROOT, "| floor: report on an empty journal | | | %s | %s |%n", Figures.num(r.floorProcessMs().p50()),
                Figures.num(r.floorProcessMs().max())));
        boolean met = r.sinceMs().p50() < 1000 && r.reportMs().p50() < 1000;
        md.append(String.format(Locale.ROOT, "%nTarget: each answers in under 1 s (p50, in the JVM; a process adds the floor's start-up, "
                + "which the journal's size does not change): %s. Both commands used to load all %,d sales into memory.%n%n", verdict(met), r.sales()));
    }

    private void qrSection(StringBuilder md, List<QrScreenBench.Result> results) {
        md.append("## 5. QR screen (encode, paint, write the framebuffer file)\n\n");
        md.append("A new order's QR each time (the Alipay code alone, then an Alipay and a WeChat Pay code side by side), painted by ")
                .append("`ScreenPainter` and written by `Framebuffer` into a file of the panel's ")
                .append("format, in a JVM with the unit's options (C1 only), after 100 draws of warm-up.\n\n| panel | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n");
        boolean met = true;
        for (QrScreenBench.Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", r.panel(), Figures.num(r.drawMs().p50()), Figures.num(r.drawMs().p99()),
                    Figures.num(r.drawMs().max())));
            met &= r.drawMs().p99() < 10;
        }
        md.append("\nTarget: under 10 ms each (taken as p99): ").append(verdict(met)).append(".\n");
    }
}
