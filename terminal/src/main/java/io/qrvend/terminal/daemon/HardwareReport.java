package io.qrvend.terminal.daemon;

import io.qrvend.drivers.gpio.GpioProvider;
import io.qrvend.drivers.input.InputLine;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.hardware.Hardware;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * What the daemon says at start about the hardware it opened: the relay board and its serial port or
 * pins, the GPIO provider, the input lines and the display, so that a technician reading the journal
 * sees at once what this terminal drives. Mock GPIO pins are said loudly (a warning), as a test
 * backend is: a terminal on {@code gpio.provider=mock} drives no hardware on its pins.
 */
final class HardwareReport {

    enum Level { INFO, WARN }

    record Line(Level level, String text) {
    }

    private HardwareReport() {
    }

    /** The lines for {@code config}, in the order they are logged. */
    static List<Line> describe(HardwareConfig config) {
        List<Line> lines = new ArrayList<>();
        lines.add(info("relay board: " + relay(config.relay())));
        lines.add(info("GPIO: " + gpio(config)));
        if (config.gpioProvider() == GpioProvider.MOCK) {
            lines.add(new Line(Level.WARN, mockWarning(config)));
        }
        lines.add(info("input lines: " + inputs(config.inputs())));
        lines.add(info("display: " + display(config.display())));
        return lines;
    }

    static void log(HardwareConfig config, Logger log) {
        for (Line line : describe(config)) {
            switch (line.level()) {
                case INFO -> log.info(line.text());
                case WARN -> log.warn(line.text());
            }
        }
    }

    private static Line info(String text) {
        return new Line(Level.INFO, text);
    }

    static String relay(HardwareConfig.Relay relay) {
        if (relay instanceof HardwareConfig.GpioRelay g) {
            return "GPIO relays, " + g.channels() + " channel(s) on BCM pin(s) "
                    + g.pins().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + (g.activeLow() ? " (active low)" : " (active high)");
        } else if (relay instanceof HardwareConfig.LcusRelay l) {
            return "LCUS serial relay, " + l.channels() + " channel(s) on serial port " + l.port();
        } else if (relay instanceof HardwareConfig.ModbusRelay m) {
            return "Modbus RTU relay at address " + m.address() + ", " + m.channels() + " channel(s) on serial port "
                    + m.port() + " at " + m.baud() + " baud";
        }
        // Java 17 cannot switch over a sealed type; HardwareReportTest fails for a relay type named nowhere here.
        throw new IllegalStateException("no description for relay " + relay);
    }

    private static String gpio(HardwareConfig config) {
        String provider = switch (config.gpioProvider()) {
            case GPIOD -> "gpiod (libgpiod, /dev/gpiochip*)";
            case MOCK -> "mock (Pi4J mock pins, no hardware)";
        };
        return config.usesGpio() ? "provider " + provider
                : "not used: no relay or input line on pins (gpio.provider " + config.gpioProvider().configName() + ")";
    }

    private static String mockWarning(HardwareConfig config) {
        boolean relayPins = config.relay() instanceof HardwareConfig.GpioRelay;
        boolean inputPins = config.inputs().any();
        if (relayPins) {
            return "MOCK GPIO: gpio.provider=mock, so the relay pins" + (inputPins ? " and the input lines" : "")
                    + " are Pi4J mock pins: this daemon drives no hardware, no product can drop";
        }
        if (inputPins) {
            return "MOCK GPIO: gpio.provider=mock, so the input lines are Pi4J mock pins:"
                    + " this daemon reads no drop sensor, button or door switch";
        }
        return "MOCK GPIO: gpio.provider=mock: no pin is in use now, but a pin added to this configuration would drive no hardware";
    }

    private static String inputs(HardwareConfig.Inputs inputs) {
        List<InputLine> lines = Hardware.inputLines(inputs);
        if (lines.isEmpty()) {
            return "none configured";
        }
        return lines.stream().map(l -> l.name() + " on BCM " + l.bcm() + (l.activeLow() ? " (active low)" : ""))
                .collect(Collectors.joining(", ")) + "; debounce " + inputs.debounce().toMillis() + " ms";
    }

    static String display(HardwareConfig.DisplaySetting display) {
        if (display instanceof HardwareConfig.FramebufferSetting fb) {
            return "framebuffer " + fb.device() + (fb.width() == null ? " (size read from sysfs)"
                    : ", " + fb.width() + "x" + fb.height() + " at " + fb.bpp() + " bpp");
        } else if (display instanceof HardwareConfig.PngSetting png) {
            return "PNG file " + png.path() + ", " + png.width() + "x" + png.height();
        } else if (display instanceof HardwareConfig.AnsiSetting) {
            return "text on this terminal (ansi)";
        } else if (display instanceof HardwareConfig.NoSetting) {
            return "none (display.type=none)";
        }
        // Java 17 cannot switch over a sealed type; HardwareReportTest fails for a display named nowhere here.
        throw new IllegalStateException("no description for display " + display);
    }
}
