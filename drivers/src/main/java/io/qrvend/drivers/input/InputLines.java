package io.qrvend.drivers.input;

import io.qrvend.drivers.gpio.Gpio;
import io.qrvend.drivers.gpio.GpioException;
import java.util.List;
import java.util.function.Consumer;

/** Claims every configured input line and reports their edges to one listener, on a Pi4J thread. */
public final class InputLines {
    private InputLines() {
    }

    public static void watch(Gpio gpio, List<InputLine> lines, Consumer<InputEdge> listener) throws GpioException {
        for (InputLine line : lines) {
            gpio.input(line.bcm(), line.name(), line.pull(), line.debounce(), line.activeLow(),
                    active -> listener.accept(new InputEdge(line.name(), active)));
        }
    }
}
