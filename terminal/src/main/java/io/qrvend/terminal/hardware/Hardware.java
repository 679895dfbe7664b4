package io.qrvend.terminal.hardware;

import io.qrvend.drivers.display.FrameSink;
import io.qrvend.drivers.display.Framebuffer;
import io.qrvend.drivers.display.FramebufferGeometry;
import io.qrvend.drivers.display.PngFile;
import io.qrvend.drivers.gpio.Gpio;
import io.qrvend.drivers.gpio.Gpio.Pull;
import io.qrvend.drivers.gpio.GpioException;
import io.qrvend.drivers.input.InputEdge;
import io.qrvend.drivers.input.InputLine;
import io.qrvend.drivers.input.InputLines;
import io.qrvend.drivers.relay.GpioRelayBoard;
import io.qrvend.drivers.relay.LcusRelayBoard;
import io.qrvend.drivers.relay.ModbusRelayBoard;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.drivers.relay.RelayException;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.display.AnsiDisplay;
import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.display.FrameDisplay;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Opens the configured relay board, input lines and display; exactly what the configuration names. */
public final class Hardware {
    /** Input line names the terminal routes on. */
    public static final String DROP = "drop";
    public static final String BUTTON = "button";
    public static final String CANCEL = "cancel";
    public static final String DOOR = "door";

    private Hardware() {
    }

    /** The GPIO context when the relay or any input uses pins, else null. */
    public static Gpio openGpio(HardwareConfig config) throws GpioException {
        return config.usesGpio() ? Gpio.open(config.gpioProvider()) : null;
    }

    /** The configured relay board; {@code pause} times pulses ({@link Pause#SLEEP} on a real machine). */
    public static RelayBoard openRelay(HardwareConfig config, Gpio gpio, Pause pause) throws RelayException {
        RelayOpener opener = config.relay().match(
                g -> () -> new GpioRelayBoard(gpio, g.pins(), g.activeLow(), pause),
                l -> () -> LcusRelayBoard.open(l.port(), l.channels(), pause),
                m -> () -> ModbusRelayBoard.open(m.port(), m.baud(),
                        new ModbusRelayBoard.Settings(m.address(), m.channels(), m.replyTimeout(), m.flash()), pause));
        return opener.open();
    }

    /** Opening a board throws a checked exception, which a match's functions cannot; they return this. */
    private interface RelayOpener {
        RelayBoard open() throws RelayException;
    }

    /** The configured lines, named {@code drop:SLOT}, {@code drop}, {@code button:SLOT}, {@code cancel}, {@code door}. */
    public static List<InputLine> inputLines(HardwareConfig.Inputs inputs) {
        List<InputLine> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> e : inputs.dropPins().entrySet()) {
            lines.add(new InputLine(DROP + ":" + e.getKey(), e.getValue(), inputs.dropPull(), inputs.debounce(), inputs.dropActiveLow()));
        }
        if (inputs.sharedDropPin() != null) {
            lines.add(new InputLine(DROP, inputs.sharedDropPin(), inputs.dropPull(), inputs.debounce(), inputs.dropActiveLow()));
        }
        for (Map.Entry<String, Integer> e : inputs.buttons().entrySet()) {
            lines.add(new InputLine(BUTTON + ":" + e.getKey(), e.getValue(), Pull.UP, inputs.debounce(), true));
        }
        if (inputs.cancelPin() != null) {
            lines.add(new InputLine(CANCEL, inputs.cancelPin(), Pull.UP, inputs.debounce(), true));
        }
        if (inputs.doorPin() != null) {
            lines.add(new InputLine(DOOR, inputs.doorPin(), Pull.UP, inputs.debounce(), true));
        }
        return lines;
    }

    public static void watchInputs(HardwareConfig config, Gpio gpio, Consumer<InputEdge> listener) throws GpioException {
        List<InputLine> lines = inputLines(config.inputs());
        if (!lines.isEmpty()) {
            InputLines.watch(gpio, lines, listener);
        }
    }

    /** The configured display; {@code none} is a display that shows nothing, by choice. */
    public static Display openDisplay(HardwareConfig config, Supplier<Instant> clock, PrintStream terminal) throws IOException {
        FrameSink sink = openFrameSink(config);
        if (sink != null) {
            return new FrameDisplay(sink, clock);
        }
        return config.display().<Display>match(
                framebuffer -> { throw new IllegalStateException("a framebuffer always has a frame sink"); },
                png -> { throw new IllegalStateException("a PNG file always has a frame sink"); },
                ansi -> new AnsiDisplay(terminal, clock, System.console() != null),
                none -> (Display) screen -> { });
    }

    /** The framebuffer or PNG file the configuration names, or null for a text or no display. */
    public static FrameSink openFrameSink(HardwareConfig config) throws IOException {
        SinkOpener opener = config.display().match(
                fb -> () -> new Framebuffer(fb.device(), fb.width() == null
                        ? FramebufferGeometry.fromSysfs(FramebufferGeometry.sysfsOf(fb.device()))
                        : FramebufferGeometry.packed(fb.width(), fb.height(), fb.bpp())),
                png -> () -> new PngFile(png.path(), png.width(), png.height()),
                ansi -> () -> null,
                none -> () -> null);
        return opener.open();
    }

    /** Opening a frame sink throws a checked exception, which a match's functions cannot; they return this. */
    private interface SinkOpener {
        FrameSink open() throws IOException;
    }
}
