package io.qrvend.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import io.qrvend.drivers.relay.GpioRelayBoard;
import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.drivers.relay.RelayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GPIO relays on Pi4J's mock provider. */
class GpioRelayBoardTest {
    private static final List<Integer> PINS = List.of(17, 27, 22);

    private Gpio gpio;
    private final Map<Integer, List<Boolean>> levels = new ConcurrentHashMap<>();

    @BeforeEach
    void open() throws GpioException {
        gpio = Gpio.open(GpioProvider.MOCK);
    }

    @AfterEach
    void close() {
        gpio.close();
    }

    @Test
    void activeLowBoardNeverGoesActiveDuringStartUpAndStop() throws Exception {
        List<String> duringHold = new ArrayList<>();
        RelayBoard board = new GpioRelayBoard(gpio, PINS, true, d -> duringHold.add(levelsNow()));
        MockPins pins = gpio.mockPins();
        for (int pin : PINS) {
            // Claimed HIGH (inactive) and set to go back HIGH at shutdown: what makes gpiod never pull it low.
            assertEquals(DigitalState.HIGH, gpio.outputConfig(pin).initialState());
            assertEquals(DigitalState.HIGH, gpio.outputConfig(pin).shutdownState());
            assertTrue(pins.outputHigh(pin), "pin " + pin + " is inactive after start-up");
            watch(pins, pin);
        }

        board.pulse(2, Duration.ofMillis(500));
        assertEquals(List.of("HLH"), duringHold, "only channel 2 is active, during the hold");

        board.close();
        gpio.close();
        assertEquals(List.of(), levels.get(17).stream().filter(high -> !high).toList());
        assertEquals(List.of(false, true), levels.get(27), "channel 2: on once for the pulse, then off");
        assertEquals(List.of(), levels.get(22).stream().filter(high -> !high).toList());
        for (int pin : PINS) {
            assertTrue(pins.outputHigh(pin), "pin " + pin + " is inactive after stop");
        }
    }

    @Test
    void activeHighBoardIdlesLow() throws Exception {
        RelayBoard board = new GpioRelayBoard(gpio, PINS, false, d -> assertTrue(gpio.mockPins().outputHigh(17)));
        assertEquals(DigitalState.LOW, gpio.outputConfig(17).initialState());
        assertFalse(gpio.mockPins().outputHigh(17));
        board.pulse(1, Duration.ofMillis(100));
        assertFalse(gpio.mockPins().outputHigh(17));
        board.close();
    }

    @Test
    void anInterruptedPulseStillSwitchesTheRelayOff() throws Exception {
        RelayBoard board = new GpioRelayBoard(gpio, PINS, true, d -> {
            throw new InterruptedException();
        });
        RelayException e = assertThrows(RelayException.class, () -> board.pulse(3, Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertTrue(gpio.mockPins().outputHigh(22));
    }

    @Test
    void rejectsChannelsPinsAndDurationsThatDoNotExist() throws Exception {
        RelayBoard board = new GpioRelayBoard(gpio, PINS, true, d -> { });
        assertEquals("relay channel 4 does not exist (board has channels 1..3)",
                assertThrows(RelayException.class, () -> board.pulse(4, Duration.ofMillis(500))).getMessage());
        assertThrows(RelayException.class, () -> board.pulse(0, Duration.ofMillis(500)));
        assertThrows(RelayException.class, () -> board.pulse(1, Duration.ZERO));
        RelayException twice = assertThrows(RelayException.class, () -> new GpioRelayBoard(gpio, List.of(5, 5), true, d -> { }));
        assertTrue(twice.getMessage().contains("GPIO pin 5 is configured twice"), twice.getMessage());
        RelayException outside = assertThrows(RelayException.class, () -> new GpioRelayBoard(gpio, List.of(40), true, d -> { }));
        assertTrue(outside.getMessage().contains("GPIO pin 40 is not a BCM pin"), outside.getMessage());
    }

    private void watch(MockPins pins, int pin) {
        List<Boolean> seen = Collections.synchronizedList(new ArrayList<>());
        levels.put(pin, seen);
        pins.watchOutput(pin, seen::add);
    }

    private String levelsNow() {
        StringBuilder text = new StringBuilder();
        for (int pin : PINS) {
            text.append(gpio.mockPins().outputHigh(pin) ? 'H' : 'L');
        }
        return text.toString();
    }
}
