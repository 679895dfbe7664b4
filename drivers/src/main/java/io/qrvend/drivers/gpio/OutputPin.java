package io.qrvend.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/** One claimed output pin, switched as active or inactive whatever its electrical polarity. */
public final class OutputPin {
    private final int bcm;
    private final String name;
    private final DigitalOutput output;
    private final DigitalState active;
    private final DigitalState inactive;

    OutputPin(int bcm, String name, DigitalOutput output, DigitalState active, DigitalState inactive) {
        this.bcm = bcm;
        this.name = name;
        this.output = output;
        this.active = active;
        this.inactive = inactive;
    }

    public int bcm() {
        return bcm;
    }

    public void set(boolean on) throws GpioException {
        try {
            output.state(on ? active : inactive);
        } catch (RuntimeException e) {
            throw new GpioException("GPIO pin " + bcm + " (" + name + "): could not switch " + (on ? "on" : "off") + ": " + e.getMessage(), e);
        }
    }

    public boolean isActive() {
        return output.state() == active;
    }
}
