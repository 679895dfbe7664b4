package io.qrvend.sim.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.relay.LcusRelayBoard;
import io.qrvend.drivers.relay.ModbusRelayBoard;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.drivers.relay.RelayException;
import io.qrvend.drivers.serial.SerialPorts;
import io.qrvend.sim.machine.FakeSerialRelayBoard.Behaviour;
import io.qrvend.sim.machine.FakeSerialRelayBoard.Kind;
import io.qrvend.sim.posix.Pty;
import io.qrvend.terminal.time.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real LCUS and Modbus relay drivers over jSerialComm, against simulated boards on the master side of pseudo-terminals. */
class SerialRelayBoardTest {
    private static final Duration REPLY_TIMEOUT = Duration.ofMillis(200);
    private static final Pause NO_WAIT = d -> { };

    @TempDir
    Path dir;
    private Pty pty;
    private FakeSerialRelayBoard device;
    private final FakeVendingMachine model = new FakeVendingMachine(4, new VirtualScheduler(Instant.parse("2026-11-22T00:00:00Z")), Duration.ofSeconds(1));
    private final List<RelayBoard> boards = new ArrayList<>();

    @BeforeEach
    void startPty() throws Exception {
        pty = Pty.open(dir.resolve("relay"));
    }

    @AfterEach
    void stop() throws Exception {
        for (RelayBoard board : boards) {
            try {
                board.close();
            } catch (RelayException ignored) {
                // a misbehaving board cannot be switched off cleanly; the port is released all the same
            }
        }
        if (device != null) {
            device.close();
        }
        pty.close();
    }

    @Test
    void modbusPulseIsOnThenOffEachEchoed() throws Exception {
        startDevice(Kind.MODBUS, 1);
        RelayBoard board = modbus(1, false);
        assertEquals(List.of("01 05 00 00 00 00 CD CA", "01 05 00 01 00 00 9C 0A", "01 05 00 02 00 00 6C 0A",
                "01 05 00 03 00 00 3D CA"), device.frames(), "every channel switched off at start");

        board.pulse(1, Duration.ofMillis(500));

        assertEquals(List.of("01 05 00 00 FF 00 8C 3A", "01 05 00 00 00 00 CD CA"), device.frames().subList(4, 6));
        assertEquals(List.of(1), model.pulses());
    }

    @Test
    void modbusFlashPulseIsOneBoardTimedWrite() throws Exception {
        startDevice(Kind.MODBUS, 1);
        RelayBoard board = modbus(1, true);
        board.pulse(2, Duration.ofMillis(500));
        // coil 0x0201 (flash on, relay 2), value 5 x 100 ms
        assertEquals(List.of("01 05 02 01 00 05 5D B1"), device.frames().subList(4, 5));
        assertEquals(5, device.frames().size());
        assertEquals(List.of(2), model.pulses());
        RelayException odd = assertThrows(RelayException.class, () -> board.pulse(2, Duration.ofMillis(450)));
        assertTrue(odd.getMessage().contains("whole tenths"), odd.getMessage());
    }

    @Test
    void aSilentModbusBoardIsAnErrorNamingThePort() throws Exception {
        startDevice(Kind.MODBUS, 1);
        RelayBoard board = modbus(1, false);
        device.behave(Behaviour.SILENT);
        RelayException e = assertThrows(RelayException.class, () -> board.pulse(1, Duration.ofMillis(500)));
        assertEquals("Modbus relay board on " + pty.terminalEnd() + ", channel 1: no answer from slave 1 within 200 ms", e.getMessage());
    }

    @Test
    void aBoardAtAnotherAddressNeverAnswersSoOpeningFails() throws Exception {
        startDevice(Kind.MODBUS, 7);
        RelayException e = assertThrows(RelayException.class, () -> modbus(1, false));
        assertTrue(e.getMessage().contains(pty.terminalEnd().toString()) && e.getMessage().contains("no answer from slave 1"), e.getMessage());
    }

    @Test
    void aModbusBoardAnsweringGarbageIsAnError() throws Exception {
        startDevice(Kind.MODBUS, 1);
        RelayBoard board = modbus(1, false);
        device.behave(Behaviour.GARBAGE);
        RelayException e = assertThrows(RelayException.class, () -> board.pulse(3, Duration.ofMillis(500)));
        assertEquals("Modbus relay board on " + pty.terminalEnd() + ", channel 3: answer 13 37 BE EF 00 42 55 7F does not echo request 01 05 00 02 FF 00 2D FA",
                e.getMessage());
    }

    @Test
    void aRefusedWriteReportsTheModbusException() throws Exception {
        startDevice(Kind.MODBUS, 1);
        // The simulated board has 4 relays; a terminal configured for 6 writes coil 4 at start-up.
        RelayException e = assertThrows(RelayException.class, () -> new ModbusRelayBoard(
                SerialPorts.open(pty.terminalEnd().toString(), 9600), new ModbusRelayBoard.Settings(1, 6, REPLY_TIMEOUT, false), NO_WAIT));
        assertTrue(e.getMessage().endsWith("channel 5: slave 1 refused the write with Modbus exception 2"), e.getMessage());
    }

    @Test
    void lcusPulseWritesOnThenOff() throws Exception {
        startDevice(Kind.LCUS, 0);
        RelayBoard board = new LcusRelayBoard(SerialPorts.open(pty.terminalEnd().toString(), 9600), 4, NO_WAIT);
        boards.add(board);
        board.pulse(3, Duration.ofMillis(500));
        assertTrue(device.awaitFrames(6, Duration.ofSeconds(2)), "the device read the six frames: " + device.frames());
        assertEquals(List.of("A0 01 00 A1", "A0 02 00 A2", "A0 03 00 A3", "A0 04 00 A4", "A0 03 01 A4", "A0 03 00 A3"),
                device.frames());
        assertEquals(List.of(3), model.pulses());
    }

    @Test
    void aPortThatDoesNotExistIsNamed() {
        RelayException lcus = assertThrows(RelayException.class, () -> LcusRelayBoard.open(dir + "/ttyUSB9", 4, NO_WAIT));
        assertEquals("LCUS relay board: serial port " + dir + "/ttyUSB9 does not exist", lcus.getMessage());
        RelayException modbus = assertThrows(RelayException.class,
                () -> ModbusRelayBoard.open(dir + "/ttyUSB9", 9600, new ModbusRelayBoard.Settings(1, 4, REPLY_TIMEOUT, false), NO_WAIT));
        assertEquals("Modbus relay board: serial port " + dir + "/ttyUSB9 does not exist", modbus.getMessage());
    }

    private void startDevice(Kind kind, int slave) throws Exception {
        device = FakeSerialRelayBoard.start(kind, slave, pty.deviceEnd(), model);
    }

    private RelayBoard modbus(int slave, boolean flash) throws Exception {
        RelayBoard board = new ModbusRelayBoard(SerialPorts.open(pty.terminalEnd().toString(), 9600),
                new ModbusRelayBoard.Settings(slave, 4, REPLY_TIMEOUT, flash), NO_WAIT);
        boards.add(board);
        return board;
    }

}
