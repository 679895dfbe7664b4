package io.qrvend.terminal.daemon;

import io.qrvend.drivers.gpio.Gpio;
import io.qrvend.drivers.input.InputEdge;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.terminal.catalog.Catalog;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.hardware.Hardware;
import io.qrvend.terminal.time.Scheduler;
import java.util.function.Consumer;

/**
 * The vending machine as the daemon drives it: its relay board, with its input lines reporting to
 * the daemon. On a Pi it is the configured hardware; {@code qrvend-sim machine} puts a simulated
 * machine in its place and runs the same daemon.
 */
public interface Machine extends AutoCloseable {

    RelayBoard relays();

    /** Switches the relays off and releases pins and ports. */
    @Override
    void close() throws Exception;

    /** Opens a machine for a configuration; {@code inputs} hears every input edge. */
    @FunctionalInterface
    interface Factory {
        Machine open(HardwareConfig hardware, Catalog catalog, Scheduler scheduler, Consumer<InputEdge> inputs) throws Exception;
    }

    /** The hardware the configuration names: GPIO, LCUS or Modbus relays, GPIO input lines. */
    static Machine hardware(HardwareConfig hardware, Catalog catalog, Scheduler scheduler, Consumer<InputEdge> inputs)
            throws Exception {
        Gpio gpio = Hardware.openGpio(hardware);
        try {
            RelayBoard relays = Hardware.openRelay(hardware, gpio, Pause.SLEEP);
            if (gpio != null) {
                Hardware.watchInputs(hardware, gpio, inputs);
            }
            return new Machine() {
                @Override
                public RelayBoard relays() {
                    return relays;
                }

                @Override
                public void close() throws Exception {
                    try {
                        relays.close();
                    } finally {
                        if (gpio != null) {
                            gpio.close();
                        }
                    }
                }
            };
        } catch (Exception | Error e) {
            if (gpio != null) {
                gpio.close();
            }
            throw e;
        }
    }
}
