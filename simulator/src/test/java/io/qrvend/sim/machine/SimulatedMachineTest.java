package io.qrvend.sim.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.TerminalRig;
import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.check.Invariants;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.engine.EngineListener;
import io.qrvend.terminal.hardware.InputRouter;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine selling through the real hardware code: GPIO relays and input lines on Pi4J mock
 * pins (or a serial relay board on a pseudo-terminal), with the simulated machine on the other side of
 * them, in virtual time. Buttons select, the relay turns the motor, the drop sensor line confirms.
 */
class SimulatedMachineTest {
    static final Instant START = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    final VirtualScheduler time = new VirtualScheduler(START);
    final FakeAlipay backend = new FakeAlipay(time::now);
    final List<Sale> endings = new ArrayList<>();
    SimulatedMachine machine;
    TerminalRig rig;

    @AfterEach
    void stop() throws Exception {
        if (machine != null) {
            machine.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    void start(Map<String, String> keys) throws Exception {
        Path journal = dir.resolve("journal.db");
        try (Journal j = Journal.open(journal, Durability.FULL)) {
            j.catalog().put(new Slot("A1", "Cola", 350, 1, true, 5, true, null));
            j.catalog().put(new Slot("B1", "Water", 200, 2, true, 5, true, null));
        }
        HardwareConfig hardware = HardwareConfig.read(ConfigFile.of("machine.conf", keys));
        TerminalRig[] rigRef = new TerminalRig[1];
        machine = SimulatedMachine.start(hardware, Map.of("A1", 1, "B1", 2), time, Duration.ofMillis(800), d -> { },
                edge -> {
                    if (rigRef[0] != null) { // lines settle to their idle level before the terminal runs
                        new InputRouter(rigRef[0].engine()).accept(edge);
                    }
                });
        rig = TerminalRig.builder().journal(journal, Durability.FULL).scheduler(time).gateway(backend).machine(machine.model())
                .viaHardware(machine.relays()).display(this::customer).observer(new EngineListener() {
                    @Override
                    public void transition(Sale before, Sale after, String cause) {
                        if (after.state().isFinal()) {
                            endings.add(after);
                        }
                    }
                }).build();
        rigRef[0] = rig;
        rig.start();
        time.runDue();
    }

    /** The customer scans at once and pays two seconds later. */
    void customer(Screen screen) {
        if (screen instanceof Screen.PaymentQr qr) {
            time.schedule(Duration.ofSeconds(1), () -> backend.scan(qr.orderNo()));
            time.schedule(Duration.ofSeconds(3), () -> backend.pay(qr.orderNo()));
        }
    }

    static final Map<String, String> GPIO = Map.of("gpio.provider", "mock", "relay.type", "gpio", "relay.gpio.pins", "17,27",
            "relay.gpio.active_low", "yes", "input.drop.pins", "A1=5,B1=6", "input.buttons", "A1=13,B1=19");

    SaleState buy(String slot) {
        int before = endings.size();
        machine.press(slot);
        time.runUntil(() -> endings.size() > before, Duration.ofMinutes(10));
        assertEquals(before + 1, endings.size(), "the sale ended");
        return endings.get(before).state();
    }

    @Test
    void aButtonPressAPaymentAndTheDropSensorVend() throws Exception {
        start(GPIO);
        assertEquals(SaleState.VENDED, buy("A1"));
        assertEquals(List.of(1), machine.model().pulses());
        assertEquals(List.of(1), machine.model().drops());
        assertSafe();
    }

    @Test
    void aJammedSlotEndsRefundedThroughTheRealEngine() throws Exception {
        start(GPIO);
        machine.model().jam(2, true);
        assertEquals(SaleState.REFUNDED, buy("B1"));
        assertEquals(List.of(2), machine.model().pulses(), "one pulse, never a second");
        assertEquals(List.of(), machine.model().drops());
        FakeAlipay.Trade trade = backend.ledger().get(0);
        assertEquals(200, trade.refundedFen());
        assertSafe();
    }

    @Test
    void anEmptySlotIsRefundedAndAnotherSlotStillSells() throws Exception {
        start(GPIO);
        machine.model().empty(1, true);
        assertEquals(SaleState.REFUNDED, buy("A1"));
        assertEquals(SaleState.VENDED, buy("B1"));
        assertSafe();
    }

    @Test
    void aModbusBoardOnAPtyVendsWithASharedSensor() throws Exception {
        start(Map.of("gpio.provider", "mock", "relay.type", "modbus", "relay.port", dir.resolve("ttyUSB0").toString(),
                "relay.channels", "2", "relay.modbus.timeout", "1s", "input.drop.pin", "5", "input.buttons", "A1=13,B1=19"));
        assertEquals(SaleState.VENDED, buy("B1"));
        assertTrue(machine.serialFrames().containsAll(List.of("01 05 00 01 FF 00 DD FA", "01 05 00 01 00 00 9C 0A")),
                machine.serialFrames().toString());
        assertSafe();
    }

    void assertSafe() {
        Invariants.Report report = Invariants.check(rig.journal().sales(), backend.ledger(), rig.pulsesByOrder(), rig.dropsByOrder(),
                rig.journal()::history);
        assertTrue(report.safe(), report.violations().toString());
    }
}
