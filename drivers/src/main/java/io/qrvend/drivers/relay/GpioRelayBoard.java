package io.qrvend.drivers.relay;

import io.qrvend.drivers.gpio.Gpio;
import io.qrvend.drivers.gpio.GpioException;
import io.qrvend.drivers.gpio.OutputPin;
import java.util.ArrayList;
import java.util.List;

/**
 * Relay modules wired to GPIO pins, one BCM pin per channel (channel 1 is the first pin listed).
 * Most cheap opto-isolated modules are active-low: their pins are claimed HIGH and go back to HIGH
 * at shutdown, so the relay never clicks while the daemon starts or stops.
 */
public final class GpioRelayBoard extends SwitchedRelayBoard {
    private final List<OutputPin> pins;

    public GpioRelayBoard(Gpio gpio, List<Integer> bcmPins, boolean activeLow, Pause pause) throws RelayException {
        super(bcmPins.size(), pause);
        List<OutputPin> claimed = new ArrayList<>();
        try {
            for (int i = 0; i < bcmPins.size(); i++) {
                claimed.add(gpio.output(bcmPins.get(i), activeLow, "relay channel " + (i + 1)));
            }
        } catch (GpioException e) {
            throw new RelayException("GPIO relay board: " + e.getMessage(), e);
        }
        this.pins = List.copyOf(claimed);
        allOff();
    }

    @Override
    void set(int channel, boolean on) throws RelayException {
        try {
            pins.get(channel - 1).set(on);
        } catch (GpioException e) {
            throw new RelayException("GPIO relay board: " + e.getMessage(), e);
        }
    }

    @Override
    void release() {
        // The pins belong to the Gpio context, which drives them to their shutdown (inactive) state
        // when its owner closes it; inputs share that context.
    }

    @Override
    public String toString() {
        return "GPIO relay board on BCM pins " + pins.stream().map(OutputPin::bcm).toList();
    }
}
