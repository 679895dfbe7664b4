package io.qrvend.sim.cli;

import io.qrvend.sim.bench.Bench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qrvend-sim bench}: the benchmarks of the confirmation latency, start-up, memory, journal and QR screen. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure confirmation latency, start-up, memory, journal commits and QR drawing; write REPORT.md and results.json.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "bench", paramLabel = "DIR", description = "Where REPORT.md and results.json go (default bench).")
    Path out;
    @Option(names = "--qrvend-jar", defaultValue = "terminal/target/qrvend.jar", paramLabel = "JAR", description = "The packaged daemon.")
    Path qrvendJar;
    @Option(names = "--sales", defaultValue = "300", description = "Sales per polling policy for the latency (default 300).")
    int sales;
    @Option(names = "--machines", defaultValue = "6", description = "Simulated machines per policy, run at once (default 6).")
    int machines;
    @Option(names = "--past-sales", defaultValue = "100000", description = "Past sales in the journal at start-up (default 100000).")
    int pastSales;
    @Option(names = "--starts", defaultValue = "5", description = "Starts measured per variant (default 5).")
    int starts;
    @Option(names = "--soak-sales", defaultValue = "10000", description = "Sales of the memory soak (default 10000).")
    int soakSales;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the customers' timing (default 1).")
    long seed;
    @Option(names = "--only", paramLabel = "SECTION", description = "Run only this section: journal-queries (the technician's "
            + "queries on a journal of a million sales; writes journal-queries.json) or latency-wechat (the confirmation latency "
            + "with WeChat Pay alone; prints its section and puts its figures into results.json, keeping the others).")
    String only;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(qrvendJar)) {
            System.err.println("qrvend-sim bench: " + qrvendJar + " not found; build with mvn -B package -DskipTests");
            return 2;
        }
        if (sales < 1 || machines < 1 || pastSales < 0 || starts < 1 || soakSales < 20) {
            System.err.println("qrvend-sim bench: --sales, --machines and --starts must be 1 or more, --soak-sales 20 or more");
            return 2;
        }
        if (only != null && !only.equals("journal-queries") && !only.equals("latency-wechat")) {
            System.err.println("qrvend-sim bench: --only takes journal-queries or latency-wechat, not '" + only + "'");
            return 2;
        }
        Path work = Files.createTempDirectory("qrvend-bench");
        String command = String.format("scripts/bench --sales %d --machines %d --past-sales %d --starts %d --soak-sales %d --seed %d",
                sales, machines, pastSales, starts, soakSales, seed);
        try {
            Bench bench = new Bench(new Bench.Options(out, work, qrvendJar, sales, machines, pastSales, starts, soakSales, 5000, 500, seed,
                    command), System.out);
            if ("journal-queries".equals(only)) {
                bench.runJournalQueries();
            } else if ("latency-wechat".equals(only)) {
                bench.runWechatLatency();
            } else {
                bench.run();
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
