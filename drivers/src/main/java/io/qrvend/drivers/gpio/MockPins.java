package io.qrvend.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The far side of mock pins: what a simulated vending machine sees and does. It reads and watches
 * the levels the terminal drives, and sets the levels of the lines the terminal reads (which makes
 * Pi4J deliver the edge to the terminal's listener).
 */
public final class MockPins {
    private final Map<Integer, DigitalOutput> outputs;
    private final Map<Integer, DigitalInput> inputs;

    MockPins(Map<Integer, DigitalOutput> outputs, Map<Integer, DigitalInput> inputs) {
        this.outputs = outputs;
        this.inputs = inputs;
    }

    /** The electrical level of an output pin: true for HIGH. */
    public boolean outputHigh(int bcm) {
        return output(bcm).state() == DigitalState.HIGH;
    }

    /** Calls {@code onLevel} with the new level (true for HIGH) whenever the terminal drives {@code bcm}. */
    public void watchOutput(int bcm, Consumer<Boolean> onLevel) {
        output(bcm).addListener(event -> onLevel.accept(event.state() == DigitalState.HIGH));
    }

    /** Drives an input line to a level (true for HIGH), as the machine's sensor or button would. */
    public void setInput(int bcm, boolean high) {
        DigitalInput in = inputs.get(bcm);
        if (!(in instanceof MockDigitalInput mock)) {
            throw new IllegalArgumentException("GPIO pin " + bcm + " is not a claimed mock input");
        }
        mock.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    private DigitalOutput output(int bcm) {
        DigitalOutput out = outputs.get(bcm);
        if (out == null) {
            throw new IllegalArgumentException("GPIO pin " + bcm + " is not a claimed output");
        }
        return out;
    }
}
