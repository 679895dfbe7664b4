package io.qrvend.sim.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Deterministic fault campaigns over the real engine and journal; every fault kind, fixed and random seeds. */
class CampaignTest {

    static Campaign.Summary run(long first, long last, int sales, Set<FaultKind> faults, Campaign.PlantedBug bug, PrintStream out) throws Exception {
        return Campaign.run(new Campaign.Options(first, last, sales, faults, false, bug), out);
    }

    @Test
    void twentyThousandSalesOnFixedSeedsWithEveryFaultKeepMoneySafe() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Campaign.Options options = new Campaign.Options(1, 40, 500, EnumSet.allOf(FaultKind.class), false, Campaign.PlantedBug.NONE);
        Campaign.Summary s = Campaign.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.out.println(Campaign.line(options, s));
        assertTrue(s.safe(), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(s.sales() >= 20_000, s.sales() + " sales");
        for (FaultKind kind : FaultKind.values()) {
            assertTrue(s.faults().getOrDefault(kind, 0L) > 0, kind + " was injected");
        }
        assertTrue(s.vended() > 0 && s.refunded() > 0 && s.cancelled() > 0, Campaign.line(options, s));
        assertTrue(s.secondPaymentsRefunded() > 0, "customers paid both codes and got one payment back: " + Campaign.line(options, s));
    }

    @Test
    void randomSeedsArePrintedAndSafe() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
        System.out.println("campaign random seeds " + seed + ".." + (seed + 2) + " (replay: qrvend-sim campaign --seeds "
                + seed + ".." + (seed + 2) + " --sales 300)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Campaign.Summary s = run(seed, seed + 2, 300, EnumSet.allOf(FaultKind.class), Campaign.PlantedBug.NONE, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(s.safe(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSeedReplaysExactly() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Campaign.Summary a = run(7, 7, 200, EnumSet.allOf(FaultKind.class), Campaign.PlantedBug.NONE, quiet);
        Campaign.Summary b = run(7, 7, 200, EnumSet.allOf(FaultKind.class), Campaign.PlantedBug.NONE, quiet);
        assertEquals(a.faults(), b.faults());
        assertEquals(a.vended() + "/" + a.refunded() + "/" + a.cancelled(), b.vended() + "/" + b.refunded() + "/" + b.cancelled());
    }

    @Test
    void aPlantedPulseBeforeVendingIsCommittedIsCaughtWithAReplayableSeed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Campaign.Summary s = run(1, 2, 100, EnumSet.noneOf(FaultKind.class), Campaign.PlantedBug.PULSE_ON_PAID, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(s.safe());
        assertEquals(java.util.List.of(1L, 2L), s.failingSeeds());
        assertTrue(out.contains("pulsed 2 times"), out);
        assertTrue(out.contains("replay: qrvend-sim campaign --seed 1 --sales 100 --faults none --trace"), out);
        assertTrue(out.contains("PAID -> VENDING"), "the sale's history is printed: " + out);
    }

    @Test
    void aPlantedLosingOrderLeftOpenIsCaught() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Campaign.Summary s = run(1, 2, 100, EnumSet.of(FaultKind.PAY_BOTH), Campaign.PlantedBug.LOSING_ORDER_NOT_CLOSED,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(s.safe());
        assertEquals(java.util.List.of(1L, 2L), s.failingSeeds());
        assertTrue(out.contains("left open at the backend"), out);
        assertTrue(out.contains("payments (orders") || out.contains("but the backend keeps"),
                "a customer who paid both codes kept paying for nothing: " + out);
    }

    @Test
    void withoutThePlantedBugTheSameSeedsAreSafe() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Campaign.Summary s = run(2, 3, 100, EnumSet.of(FaultKind.PAY_BOTH), Campaign.PlantedBug.NONE,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(s.safe(), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(s.secondPaymentsRefunded() > 0, Campaign.line(new Campaign.Options(2, 3, 100, EnumSet.of(FaultKind.PAY_BOTH), false,
                Campaign.PlantedBug.NONE), s));
    }
}
