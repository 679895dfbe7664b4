package io.qrvend.drivers.input;

import io.qrvend.drivers.gpio.Gpio.Pull;
import java.time.Duration;

/**
 * One input wire of the machine: a drop sensor, a selection button, the cancel button or the door
 * switch. {@code name} is what the terminal routes on (e.g. {@code drop:A1}, {@code button:A1}).
 * A button to ground is {@code activeLow} with {@link Pull#UP}.
 */
public record InputLine(String name, int bcm, Pull pull, Duration debounce, boolean activeLow) {
    public InputLine {
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must not be negative: " + name);
        }
    }
}
