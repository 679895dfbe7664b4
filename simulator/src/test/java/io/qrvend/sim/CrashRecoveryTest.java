package io.qrvend.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.check.Invariants;
import io.qrvend.sim.machine.FakeVendingMachine;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.VirtualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For each customer story and each journal commit it makes, cut the power right after that commit
 * (before its effects start), restart a new engine on the same journal file, and check that recovery
 * ends the sale correctly: at most one pulse, the right refund, nothing left open at the backend.
 */
class CrashRecoveryTest {
    static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    /** The state each power cut came right after, over every story: every state must be cut once. */
    static final Set<SaleState> CUT_AFTER = EnumSet.noneOf(SaleState.class);

    @TempDir
    Path dir;

    @AfterAll
    static void everyStateWasCut() {
        assertEquals(EnumSet.allOf(SaleState.class), CUT_AFTER);
    }

    enum Story {
        PAYS("A1", 3, 6, Set.of(SaleState.VENDED, SaleState.REFUNDED)),
        JAMS("A1", 3, 6, Set.of(SaleState.REFUNDED)),
        PAYS_WITHOUT_SENSOR("A2", 3, 6, Set.of(SaleState.VENDED, SaleState.REFUNDED)),
        RELAY_FAULT("A2", 3, 6, Set.of(SaleState.REFUNDED)),
        WALKS_AWAY("A1", -1, -1, Set.of(SaleState.CANCELLED)),
        BACKEND_REFUSES("A1", 3, 6, Set.of(SaleState.FAILED, SaleState.CANCELLED)),
        CANCELS("A1", 3, -1, Set.of(SaleState.CANCELLED)),
        /** Pays one second after the window: too late without a power cut, during the outage with one. */
        PAYS_AT_THE_DEADLINE("A1", 85, 91, Set.of(SaleState.VENDED, SaleState.REFUNDED, SaleState.CANCELLED));

        final String slot;
        final int scanAt;
        final int payAt;
        final Set<SaleState> endings;

        Story(String slot, int scanAt, int payAt, Set<SaleState> endings) {
            this.slot = slot;
            this.scanAt = scanAt;
            this.payAt = payAt;
            this.endings = endings;
        }
    }

    /** One machine, its backend and a customer, in virtual time, around a journal file. */
    final class World {
        final VirtualScheduler time = new VirtualScheduler(START);
        final FakeAlipay backend = new FakeAlipay(time::now);
        final FakeVendingMachine machine = new FakeVendingMachine(8, time, Duration.ofMillis(800));
        /** Orders whose QR the customer saw; a power cut before the QR leaves them nothing to pay. */
        final Set<String> qrSeen = new HashSet<>();
        final List<SaleState> committed = new ArrayList<>();
        final TerminalRig rig;
        final Story story;

        World(Story story, Path journal) {
            this.story = story;
            try (Journal j = Journal.open(journal, Durability.FULL)) {
                j.catalog().put(new Slot("A1", "Cola", 350, 3, true, 5, true, null));
                j.catalog().put(new Slot("A2", "Water", 200, 4, false, 5, true, null));
            }
            rig = TerminalRig.builder().journal(journal, Durability.FULL).scheduler(time).gateway(backend).machine(machine)
                    .display(this::show).observer(new EngineListener() {
                        @Override
                        public void transition(Sale before, Sale after, String cause) {
                            committed.add(after.state());
                        }
                    }).build();
            if (story == Story.JAMS) {
                machine.jam(3, true);
            }
            if (story == Story.BACKEND_REFUSES) {
                backend.refuseOrders("ACQ.ACCESS_FORBIDDEN");
            }
            if (story == Story.RELAY_FAULT) {
                machine.breakRelay(4, true);
            }
        }

        /** The customer acts on the QR the moment it appears, as a phone would. */
        void show(Screen screen) {
            if (screen instanceof Screen.PaymentQr qr && qrSeen.add(qr.orderNo())) {
                if (story.scanAt >= 0) {
                    time.schedule(Duration.ofSeconds(story.scanAt), () -> backend.scan(qr.orderNo()));
                }
                if (story.payAt >= 0) {
                    time.schedule(Duration.ofSeconds(story.payAt), () -> backend.pay(qr.orderNo()));
                }
                if (story == Story.CANCELS) {
                    time.schedule(Duration.ofSeconds(5), () -> rig.engine().cancel());
                }
            }
        }

        /** Runs one sale, cutting the power after commit {@code cut} (0: never), then recovers. */
        Invariants.Report run(int cut, Duration downtime) {
            rig.start();
            time.runDue();
            if (cut > 0) {
                rig.cutPowerAfterCommit(cut);
            }
            rig.engine().select(story.slot);
            time.runDue();
            time.runUntil(() -> rig.engine().halted().isPresent() || rig.journal().unfinishedSales().isEmpty(),
                    Duration.ofMinutes(10));
            if (rig.engine().halted().isPresent()) {
                CUT_AFTER.add(committed.get(cut - 1));
                time.advance(downtime);
                rig.restart();
            }
            assertTrue(time.runUntil(() -> rig.engine().isReady() && rig.journal().unfinishedSales().isEmpty(),
                    Duration.ofMinutes(10)), "recovery did not finish");
            time.advance(Duration.ofMinutes(5));
            Journal j = rig.journal();
            Invariants.Report report = Invariants.check(j.sales(), backend.ledger(), rig.pulsesByOrder(),
                    rig.dropsByOrder(), j::history);
            rig.close();
            return report;
        }
    }

    World world(Story story, String name) {
        return new World(story, dir.resolve(name + ".db"));
    }

    @ParameterizedTest
    @EnumSource(Story.class)
    void everyCommitOfEveryStoryRecovers(Story story) throws Exception {
        World clean = world(story, "clean");
        Invariants.Report baseline = clean.run(0, Duration.ZERO);
        assertTrue(baseline.safe(), baseline.violations().toString());
        int commits = clean.rig.commits();
        assertTrue(commits >= 2, story + " made only " + commits + " commits");

        Set<String> recoveredPayments = new HashSet<>();
        for (Duration downtime : List.of(Duration.ofSeconds(5), Duration.ofMinutes(5))) {
            for (int cut = 1; cut <= commits; cut++) {
                String name = story + "-" + downtime.toSeconds() + "s-cut" + cut;
                World w = world(story, name);
                Invariants.Report r = w.run(cut, downtime);
                assertTrue(r.safe(), name + ": " + r.violations());
                assertEquals(1, r.sales(), name);
                try (Journal j = Journal.open(dir.resolve(name + ".db"), Durability.FULL)) {
                    Sale sale = j.sales().get(0);
                    Set<SaleState> endings = w.qrSeen.isEmpty() && story != Story.BACKEND_REFUSES
                            ? Set.of(SaleState.CANCELLED) : story.endings;
                    assertTrue(endings.contains(sale.state()), name + " ended " + sale.state() + ": "
                            + j.history(sale.id()).stream().map(h -> h.to() + " (" + h.cause() + ")")
                            .collect(Collectors.joining(", ")));
                    assertTrue(w.rig.pulsesByOrder().getOrDefault(sale.orderNo(), 0) <= 1, name);
                    if (j.history(sale.id()).stream().anyMatch(h -> h.cause().equals("payment found after a restart"))) {
                        recoveredPayments.add(sale.state() + " after " + downtime.toSeconds() + " s");
                    }
                    if (downtime.toMinutes() >= 5 && sale.state() == SaleState.VENDED) {
                        assertTrue(j.history(sale.id()).stream().noneMatch(h -> h.cause().startsWith("recovery")),
                                name + ": a payment found 5 minutes late must not be vended after the restart");
                    }
                }
                Files.deleteIfExists(dir.resolve(name + ".db"));
            }
        }
        if (story == Story.PAYS_AT_THE_DEADLINE) {
            assertEquals(Set.of("VENDED after 5 s", "REFUNDED after 300 s"), recoveredPayments,
                    "a payment made during the outage is vended after a short one and refunded after a long one");
        }
    }
}
