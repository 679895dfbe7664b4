package io.qrvend.drivers.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qrvend.drivers.gpio.Gpio.Pull;
import io.qrvend.drivers.input.InputEdge;
import io.qrvend.drivers.input.InputLine;
import io.qrvend.drivers.input.InputLines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InputLinesTest {
    private Gpio gpio;

    @BeforeEach
    void open() throws GpioException {
        gpio = Gpio.open(GpioProvider.MOCK);
    }

    @AfterEach
    void close() {
        gpio.close();
    }

    @Test
    void edgesArriveAsActiveOrInactiveWhateverThePolarity() throws Exception {
        List<InputEdge> edges = new CopyOnWriteArrayList<>();
        InputLines.watch(gpio, List.of(
                new InputLine("drop:A1", 5, Pull.DOWN, Duration.ofMillis(2), false),
                new InputLine("cancel", 6, Pull.UP, Duration.ofMillis(20), true)), edges::add);
        MockPins pins = gpio.mockPins();

        pins.setInput(5, true);
        pins.setInput(5, false);
        pins.setInput(6, true); // released: a pulled-up button idles high
        pins.setInput(6, false); // pressed to ground

        assertEquals(List.of(new InputEdge("drop:A1", true), new InputEdge("drop:A1", false),
                new InputEdge("cancel", false), new InputEdge("cancel", true)), edges);
    }

    @Test
    void aPinUsedTwiceIsRefused() throws Exception {
        InputLines.watch(gpio, List.of(new InputLine("door", 12, Pull.UP, Duration.ZERO, true)), e -> { });
        GpioException e = assertThrows(GpioException.class, () -> gpio.output(12, true, "relay"));
        assertEquals("GPIO pin 12 is configured twice", e.getMessage());
    }
}
