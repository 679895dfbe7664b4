package io.qrvend.sim.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deterministic fault campaigns: many seeds, each a reproducible run of the real engine and journal
 * against the backend and machine models with that seed's faults. Prints one summary line; on a
 * violation, the seed, the command that replays it and the histories of the sales involved.
 */
public final class Campaign {

    /** What to run. {@code bug} is test-only: a bug planted in the terminal, which the campaign must catch. */
    public record Options(long firstSeed, long lastSeed, int salesPerSeed, Set<FaultKind> faults, boolean trace, PlantedBug bug) {
    }

    /** The bugs a test can plant to prove the campaign catches them. */
    public enum PlantedBug {
        NONE,
        /** The relay pulses as soon as a payment is committed, before VENDING is. */
        PULSE_ON_PAID,
        /** The losing order of a two-wallet sale is reported closed without its close reaching the backend (every seed offers both wallets). */
        LOSING_ORDER_NOT_CLOSED
    }

    /** The totals of a campaign. */
    public record Summary(long seeds, long sales, long paid, long vended, long refunded, long cancelled, long failed,
                          long interruptedVends, long refundedNotRecorded, long secondPaymentsRefunded, Map<FaultKind, Long> faults, List<String> violations, List<Long> failingSeeds,
                          double salesPerSecond) {
        public boolean safe() {
            return violations.isEmpty();
        }
    }

    private Campaign() {
    }

    public static Summary run(Options options, PrintStream out) throws IOException {
        Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Files.createTempDirectory(Path.of("/dev/shm"), "qrvend-campaign")
                : Files.createTempDirectory("qrvend-campaign");
        long started = System.nanoTime();
        long sales = 0, paid = 0, vended = 0, refunded = 0, cancelled = 0, failed = 0, interrupted = 0, unrecorded = 0, second = 0;
        Map<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
        List<String> violations = new ArrayList<>();
        List<Long> failing = new ArrayList<>();
        try {
            for (long seed = options.firstSeed(); seed <= options.lastSeed(); seed++) {
                SeedRun.Outcome o = new SeedRun(seed, options.faults(), dir, options.bug(), options.trace() ? out : null)
                        .run(options.salesPerSeed());
                sales += o.report().sales();
                paid += o.paid();
                vended += o.report().vended();
                refunded += o.report().refunded();
                cancelled += o.report().cancelled();
                failed += o.report().failed();
                interrupted += o.report().interruptedVends();
                unrecorded += o.report().refundedNotRecorded();
                second += o.report().secondPaymentsRefunded();
                o.faults().forEach((k, v) -> faults.merge(k, v, Long::sum));
                if (!o.report().safe()) {
                    failing.add(seed);
                    o.report().violations().forEach(v -> violations.add("seed " + o.seed() + ": " + v));
                    out.printf("VIOLATION in seed %d: %s%n", seed, String.join("; ", o.report().violations()));
                    out.printf("  replay: qrvend-sim campaign --seed %d --sales %d --faults %s --trace%n", seed, options.salesPerSeed(),
                            labels(options.faults()));
                    o.histories().forEach(h -> out.println("  " + h));
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Summary(options.lastSeed() - options.firstSeed() + 1, sales, paid, vended, refunded, cancelled, failed, interrupted,
                unrecorded, second, faults, violations, failing, sales / Math.max(seconds, 1e-9));
    }

    /** The one summary line. */
    public static String line(Options options, Summary s) {
        return String.format("campaign seeds %d..%d: %d sales, %d paid, %d vended, %d refunded, %d cancelled, %d failed "
                        + "(%d found vending after a crash, %d refunded by a cancel the journal calls cancelled, %d second payments refunded); faults %s; "
                        + "violations %d; %.0f sales/s",
                options.firstSeed(), options.lastSeed(), s.sales(), s.paid(), s.vended(), s.refunded(), s.cancelled(), s.failed(),
                s.interruptedVends(), s.refundedNotRecorded(), s.secondPaymentsRefunded(), s.faults().entrySet().stream().map(e -> e.getKey().label() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")), s.violations().size(), s.salesPerSecond());
    }

    public static String json(Options options, Summary s) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("first_seed", options.firstSeed()).put("last_seed", options.lastSeed())
                .put("sales", s.sales()).put("paid", s.paid()).put("vended", s.vended()).put("refunded", s.refunded())
                .put("cancelled", s.cancelled()).put("failed", s.failed()).put("interrupted_vends", s.interruptedVends())
                .put("refunded_not_recorded", s.refundedNotRecorded()).put("second_payments_refunded", s.secondPaymentsRefunded())
                .put("violations", s.violations().size()).put("sales_per_second", Math.round(s.salesPerSecond()));
        ObjectNode faults = root.putObject("faults");
        s.faults().forEach((k, v) -> faults.put(k.label(), v));
        root.putArray("failing_seeds").addAll(s.failingSeeds().stream().map(mapper.getNodeFactory()::numberNode).toList());
        return root.toString();
    }

    static String labels(Set<FaultKind> faults) {
        return faults.size() == FaultKind.values().length ? "all"
                : faults.isEmpty() ? "none" : faults.stream().map(FaultKind::label).collect(Collectors.joining(","));
    }
}
