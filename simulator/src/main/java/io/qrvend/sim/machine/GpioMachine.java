package io.qrvend.sim.machine;

import io.qrvend.drivers.gpio.MockPins;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;

/**
 * The wiring of a simulated vending machine to the terminal's mock GPIO pins: it watches the relay
 * pins the terminal drives and turns the model's motors, and it drives the drop-sensor and button
 * lines the terminal reads. The terminal's own GPIO relay board and input lines run unchanged.
 */
public final class GpioMachine {
    private final MockPins pins;
    private final boolean relayActiveLow;

    /**
     * @param relayPins   relay channel -> BCM pin, as the terminal's {@code relay.gpio.pins}
     * @param sensorPins  relay channel -> BCM pin of the drop sensor that sees its product fall
     *                    (the same pin for every channel when the machine has one shared sensor)
     * @param buttonPins  BCM pins of buttons wired to ground with a pull-up (selection, cancel)
     */
    public GpioMachine(MockPins pins, FakeVendingMachine model, Map<Integer, Integer> relayPins, boolean relayActiveLow,
            Map<Integer, Integer> sensorPins, boolean sensorActiveLow, Collection<Integer> buttonPins) {
        this.pins = pins;
        this.relayActiveLow = relayActiveLow;
        // Lines rest at their inactive level, so the first press or drop is a real edge.
        new HashSet<>(sensorPins.values()).forEach(bcm -> pins.setInput(bcm, sensorActiveLow));
        buttonPins.forEach(bcm -> pins.setInput(bcm, true));
        relayPins.forEach((channel, bcm) -> pins.watchOutput(bcm, high -> {
            if (high != relayActiveLow) {
                model.motorPulsed(channel);
            }
        }));
        model.onDrop(channel -> {
            Integer sensor = sensorPins.get(channel);
            if (sensor != null) {
                blip(sensor, sensorActiveLow);
            }
        });
    }

    /** A customer presses and releases the button wired to {@code bcm} (to ground, pulled up). */
    public void press(int bcm) {
        blip(bcm, true);
    }

    /** True while the relay on {@code bcm} is closed. */
    public boolean relayClosed(int bcm) {
        return pins.outputHigh(bcm) != relayActiveLow;
    }

    private void blip(int bcm, boolean activeLow) {
        pins.setInput(bcm, !activeLow);
        pins.setInput(bcm, activeLow);
    }
}
