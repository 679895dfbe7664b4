package io.qrvend.sim.machine;

import io.qrvend.drivers.gpio.Gpio;
import io.qrvend.drivers.gpio.GpioProvider;
import io.qrvend.drivers.input.InputEdge;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.sim.posix.Pty;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.daemon.Machine;
import io.qrvend.terminal.hardware.Hardware;
import io.qrvend.terminal.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A vending machine in software behind the terminal's real hardware code. The terminal's relay
 * board and input lines are opened by {@link Hardware} from the same configuration keys as on a Pi:
 * GPIO relays and lines sit on Pi4J's mock pins, which {@link GpioMachine} watches and drives; a
 * serial board (LCUS or Modbus) is a {@link FakeSerialRelayBoard} on the far end of a pseudo-terminal
 * linked at the configured {@code relay.port}. A pulse turns the model's motor; the product falls after the
 * model's delay, unless the slot is jammed or empty, and the drop sensor line fires.
 */
public final class SimulatedMachine implements Machine {
    private final FakeVendingMachine model;
    private final Gpio gpio;
    private final Pty pty;
    private final FakeSerialRelayBoard device;
    private final RelayBoard relays;
    private final GpioMachine wiring;
    private final Map<String, Integer> buttons;

    private SimulatedMachine(FakeVendingMachine model, Gpio gpio, Pty pty, FakeSerialRelayBoard device, RelayBoard relays,
            GpioMachine wiring, Map<String, Integer> buttons) {
        this.model = model;
        this.gpio = gpio;
        this.pty = pty;
        this.device = device;
        this.relays = relays;
        this.wiring = wiring;
        this.buttons = buttons;
    }

    /**
     * Builds the machine for {@code hardware} (which must use {@code gpio.provider=mock} for any pins)
     * and starts reporting input edges to {@code inputs}.
     *
     * @param slotChannels the catalog's slot -> relay channel, to know which sensor sees which product
     * @param pause        how relay pulses are timed: real sleeps, or none in virtual time
     */
    public static SimulatedMachine start(HardwareConfig hardware, Map<String, Integer> slotChannels, Scheduler scheduler,
            Duration dropDelay, Pause pause, Consumer<InputEdge> inputs) throws Exception {
        if (hardware.usesGpio() && hardware.gpioProvider() != GpioProvider.MOCK) {
            throw new IllegalArgumentException("the simulated machine drives mock pins: set gpio.provider=mock");
        }
        FakeVendingMachine model = new FakeVendingMachine(hardware.relay().channels(), scheduler, dropDelay);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Gpio gpio = Hardware.openGpio(hardware);
            if (gpio != null) {
                opened.add(gpio);
            }
            Pty pty = null;
            FakeSerialRelayBoard device = null;
            if (hardware.relay() instanceof HardwareConfig.LcusRelay lcus) {
                pty = serialPair(lcus.port(), opened);
                device = FakeSerialRelayBoard.start(FakeSerialRelayBoard.Kind.LCUS, 0, pty.deviceEnd(), model);
            } else if (hardware.relay() instanceof HardwareConfig.ModbusRelay modbus) {
                pty = serialPair(modbus.port(), opened);
                device = FakeSerialRelayBoard.start(FakeSerialRelayBoard.Kind.MODBUS, modbus.address(), pty.deviceEnd(), model);
            }
            if (device != null) {
                opened.add(device);
            }
            RelayBoard relays = Hardware.openRelay(hardware, gpio, pause);
            GpioMachine wiring = null;
            HardwareConfig.Inputs in = hardware.inputs();
            if (gpio != null) {
                Hardware.watchInputs(hardware, gpio, inputs);
                Map<Integer, Integer> relayPins = new HashMap<>();
                boolean activeLow = false;
                if (hardware.relay() instanceof HardwareConfig.GpioRelay g) {
                    for (int i = 0; i < g.pins().size(); i++) {
                        relayPins.put(i + 1, g.pins().get(i));
                    }
                    activeLow = g.activeLow();
                }
                List<Integer> buttonPins = new ArrayList<>(in.buttons().values());
                if (in.cancelPin() != null) {
                    buttonPins.add(in.cancelPin());
                }
                wiring = new GpioMachine(gpio.mockPins(), model, relayPins, activeLow, sensorPins(in, slotChannels), in.dropActiveLow(),
                        buttonPins);
            }
            return new SimulatedMachine(model, gpio, pty, device, relays, wiring, in.buttons());
        } catch (Exception | Error e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            throw e;
        }
    }

    private static Pty serialPair(String port, List<AutoCloseable> opened) throws java.io.IOException {
        Pty pty = Pty.open(Path.of(port));
        opened.add(pty);
        return pty;
    }

    private static Map<Integer, Integer> sensorPins(HardwareConfig.Inputs in, Map<String, Integer> slotChannels) {
        Map<Integer, Integer> pins = new HashMap<>();
        slotChannels.forEach((slot, channel) -> {
            Integer pin = in.sharedDropPin() != null ? in.sharedDropPin() : in.dropPins().get(slot);
            if (pin != null) {
                pins.put(channel, pin);
            }
        });
        return pins;
    }

    /** The terminal's relay board: the real driver, talking to this machine. */
    @Override
    public RelayBoard relays() {
        return relays;
    }

    public FakeVendingMachine model() {
        return model;
    }

    /** A customer presses the selection button of {@code slot}. */
    public void press(String slot) {
        Integer pin = buttons.get(slot);
        if (pin == null || wiring == null) {
            throw new IllegalArgumentException("slot " + slot + " has no button configured (input.buttons)");
        }
        wiring.press(pin);
    }

    /** Frames the simulated serial board received, as hex; empty for GPIO relays. */
    public List<String> serialFrames() {
        return device == null ? List.of() : device.frames();
    }

    @Override
    public void close() throws Exception {
        try {
            relays.close();
        } finally {
            if (gpio != null) {
                gpio.close();
            }
            if (device != null) {
                device.close();
            }
            if (pty != null) {
                pty.close();
            }
        }
    }
}
