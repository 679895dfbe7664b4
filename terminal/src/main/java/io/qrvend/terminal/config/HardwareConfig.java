package io.qrvend.terminal.config;

import io.qrvend.drivers.gpio.Gpio.Pull;
import io.qrvend.drivers.gpio.GpioProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What is wired to the board: the relay board, the input lines and the display, read from the
 * {@code relay.*}, {@code input.*}, {@code display.*} and {@code gpio.*} keys. Every choice is
 * explicit; nothing falls back to a simulated part.
 */
public record HardwareConfig(GpioProvider gpioProvider, Relay relay, Inputs inputs, DisplaySetting display) {

    /** Which relay board, and how to reach it. */
    public sealed interface Relay {
        int channels();

        /** Exhaustive dispatch: a new kind of board breaks the build where boards are opened. */
        <R> R match(Function<GpioRelay, R> gpio, Function<LcusRelay, R> lcus, Function<ModbusRelay, R> modbus);
    }

    /** BCM pin per channel; {@code activeLow} for the common opto-isolated modules. */
    public record GpioRelay(List<Integer> pins, boolean activeLow) implements Relay {
        @Override
        public int channels() {
            return pins.size();
        }

        @Override
        public <R> R match(Function<GpioRelay, R> gpio, Function<LcusRelay, R> lcus, Function<ModbusRelay, R> modbus) {
            return gpio.apply(this);
        }
    }

    public record LcusRelay(String port, int channels) implements Relay {
        @Override
        public <R> R match(Function<GpioRelay, R> gpio, Function<LcusRelay, R> lcus, Function<ModbusRelay, R> modbus) {
            return lcus.apply(this);
        }
    }

    public record ModbusRelay(String port, int baud, int address, int channels, Duration replyTimeout, boolean flash)
            implements Relay {
        @Override
        public <R> R match(Function<GpioRelay, R> gpio, Function<LcusRelay, R> lcus, Function<ModbusRelay, R> modbus) {
            return modbus.apply(this);
        }
    }

    /**
     * Input lines. Drop sensors: one per slot ({@code dropPins}) or one shared ({@code sharedDropPin}).
     * Buttons and the door switch close to ground (pull-up, active low).
     */
    public record Inputs(Map<String, Integer> dropPins, Integer sharedDropPin, boolean dropActiveLow, Pull dropPull,
            Map<String, Integer> buttons, Integer cancelPin, Integer doorPin, Duration debounce) {
        public boolean any() {
            return !dropPins.isEmpty() || sharedDropPin != null || !buttons.isEmpty() || cancelPin != null || doorPin != null;
        }
    }

    public sealed interface DisplaySetting {
        /** Exhaustive dispatch: a new kind of display breaks the build where displays are opened. */
        <R> R match(Function<FramebufferSetting, R> framebuffer, Function<PngSetting, R> png, Function<AnsiSetting, R> ansi,
                    Function<NoSetting, R> none);
    }

    /** A framebuffer device; {@code width/height/bpp} null means "read them from sysfs". */
    public record FramebufferSetting(Path device, Integer width, Integer height, Integer bpp) implements DisplaySetting {
        @Override
        public <R> R match(Function<FramebufferSetting, R> framebuffer, Function<PngSetting, R> png, Function<AnsiSetting, R> ansi,
                           Function<NoSetting, R> none) {
            return framebuffer.apply(this);
        }
    }

    public record PngSetting(Path path, int width, int height) implements DisplaySetting {
        @Override
        public <R> R match(Function<FramebufferSetting, R> framebuffer, Function<PngSetting, R> png, Function<AnsiSetting, R> ansi,
                           Function<NoSetting, R> none) {
            return png.apply(this);
        }
    }

    public record AnsiSetting() implements DisplaySetting {
        @Override
        public <R> R match(Function<FramebufferSetting, R> framebuffer, Function<PngSetting, R> png, Function<AnsiSetting, R> ansi,
                           Function<NoSetting, R> none) {
            return ansi.apply(this);
        }
    }

    public record NoSetting() implements DisplaySetting {
        @Override
        public <R> R match(Function<FramebufferSetting, R> framebuffer, Function<PngSetting, R> png, Function<AnsiSetting, R> ansi,
                           Function<NoSetting, R> none) {
            return none.apply(this);
        }
    }

    private static final int MAX_BCM = 27;

    /** Reads the hardware keys of {@code config}; problems are recorded there. */
    public static HardwareConfig read(ConfigFile config) {
        String providerName = config.choice("gpio.provider", List.of("gpiod", "mock"), "gpiod");
        GpioProvider provider = GpioProvider.parse(providerName);
        Relay relay = relay(config);
        Inputs inputs = inputs(config);
        checkEachPinDoesOneThing(config, relay, inputs);
        return new HardwareConfig(provider, relay, inputs, display(config));
    }

    /** One use of a BCM pin: the key that gives it and what it is, e.g. "slot A1's drop sensor". */
    private record PinUse(String key, String what, boolean output) {
    }

    /**
     * A pin is a relay output or one input, never two things: a relay pin is driven by the terminal
     * and reads nothing, and one input pin cannot tell two sensors or buttons apart (two slots on one
     * drop pin would confirm a vend of either slot by the other's drop). Each clash is named by the
     * key of its second use. Pins given twice within relay.gpio.pins are reported there already.
     */
    private static void checkEachPinDoesOneThing(ConfigFile config, Relay relay, Inputs inputs) {
        Map<Integer, PinUse> first = new LinkedHashMap<>();
        if (relay instanceof GpioRelay g) {
            for (int i = 0; i < g.pins().size(); i++) {
                first.putIfAbsent(g.pins().get(i), new PinUse("relay.gpio.pins", "relay channel " + (i + 1) + "'s output", true));
            }
        }
        List<Map.Entry<Integer, PinUse>> inputUses = new ArrayList<>();
        inputs.dropPins().forEach((slot, pin) -> inputUses.add(Map.entry(pin, new PinUse("input.drop.pins", "slot " + Quoted.name(slot) + "'s drop sensor", false))));
        if (inputs.sharedDropPin() != null) {
            inputUses.add(Map.entry(inputs.sharedDropPin(), new PinUse("input.drop.pin", "the shared drop sensor", false)));
        }
        inputs.buttons().forEach((slot, pin) -> inputUses.add(Map.entry(pin, new PinUse("input.buttons", "slot " + Quoted.name(slot) + "'s button", false))));
        if (inputs.cancelPin() != null) {
            inputUses.add(Map.entry(inputs.cancelPin(), new PinUse("input.cancel.pin", "the cancel button", false)));
        }
        if (inputs.doorPin() != null) {
            inputUses.add(Map.entry(inputs.doorPin(), new PinUse("input.door.pin", "the door switch", false)));
        }
        for (Map.Entry<Integer, PinUse> use : inputUses) {
            PinUse earlier = first.putIfAbsent(use.getKey(), use.getValue());
            if (earlier == null) {
                continue;
            }
            String why;
            if (earlier.output()) {
                why = "a relay pin is an output the terminal drives, it reads no input";
            } else if (earlier.key().equals("input.drop.pins") && use.getValue().key().equals("input.drop.pins")) {
                why = "one pin cannot tell which slot dropped (for one sensor under several slots, give input.drop.pin instead)";
            } else {
                why = "one pin cannot tell two inputs apart";
            }
            config.problem(use.getValue().key(), "BCM pin " + use.getKey() + " is " + earlier.what() + " (" + earlier.key()
                    + ") and cannot also be " + use.getValue().what() + ": " + why);
        }
    }

    /** True when the relay board or any input line needs the GPIO pins. */
    public boolean usesGpio() {
        return relay instanceof GpioRelay || inputs.any();
    }

    private static Relay relay(ConfigFile config) {
        String type = config.choice("relay.type", List.of("gpio", "lcus", "modbus"), null);
        if (type == null) {
            if (!config.has("relay.type")) {
                config.problem("relay.type", "is required (gpio, lcus or modbus)");
            }
            return new GpioRelay(List.of(), false);
        }
        switch (type) {
            case "gpio" -> {
                List<Integer> pins = config.integers("relay.gpio.pins", 0, MAX_BCM);
                if (pins.isEmpty()) {
                    config.problem("relay.gpio.pins", "is required for relay.type=gpio (BCM pin per channel, e.g. 17,27,22)");
                } else if (pins.stream().distinct().count() != pins.size()) {
                    config.problem("relay.gpio.pins", "names a pin twice");
                }
                // Required on purpose: guessing the polarity wrong fires every relay at start-up.
                boolean activeLow = config.yesNo("relay.gpio.active_low", null);
                return new GpioRelay(pins, activeLow);
            }
            case "lcus" -> {
                return new LcusRelay(port(config), config.integer("relay.channels", 1, 255, 1));
            }
            default -> {
                return new ModbusRelay(port(config), config.integer("relay.baud", 1200, 115200, 9600),
                        config.integer("relay.modbus.address", 1, 255, 1), config.integer("relay.channels", 1, 256, 1),
                        config.duration("relay.modbus.timeout", Duration.ofMillis(500)),
                        config.yesNo("relay.modbus.flash", false));
            }
        }
    }

    private static String port(ConfigFile config) {
        String port = config.required("relay.port");
        return port == null ? "" : port;
    }

    private static Inputs inputs(ConfigFile config) {
        Map<String, Integer> dropPins = config.namedIntegers("input.drop.pins", 0, MAX_BCM);
        Integer shared = config.has("input.drop.pin") ? config.integer("input.drop.pin", 0, MAX_BCM, 0) : null;
        if (shared != null && !dropPins.isEmpty()) {
            config.problem("input.drop.pin", "give either one shared sensor (input.drop.pin) or one per slot (input.drop.pins), not both");
        }
        Pull pull = Pull.valueOf(config.choice("input.drop.pull", List.of("up", "down", "none"), "down").toUpperCase(Locale.ROOT));
        return new Inputs(dropPins, shared, config.yesNo("input.drop.active_low", false), pull,
                config.namedIntegers("input.buttons", 0, MAX_BCM),
                config.has("input.cancel.pin") ? config.integer("input.cancel.pin", 0, MAX_BCM, 0) : null,
                config.has("input.door.pin") ? config.integer("input.door.pin", 0, MAX_BCM, 0) : null,
                config.duration("input.debounce", Duration.ofMillis(10)));
    }

    private static DisplaySetting display(ConfigFile config) {
        String type = config.choice("display.type", List.of("framebuffer", "png", "ansi", "none"), "none");
        switch (type) {
            case "framebuffer" -> {
                Path device = Path.of(config.string("display.device", "/dev/fb0"));
                boolean any = config.has("display.width") || config.has("display.height") || config.has("display.bpp");
                if (!any) {
                    return new FramebufferSetting(device, null, null, null);
                }
                int width = config.integer("display.width", 240, 8192, 0);
                int height = config.integer("display.height", 240, 8192, 0);
                int bpp = config.choice("display.bpp", List.of("16", "32"), "0").equals("16") ? 16 : 32;
                if (!(config.has("display.width") && config.has("display.height") && config.has("display.bpp"))) {
                    config.problem("display.width", "give display.width, display.height and display.bpp together, or none to read them from sysfs");
                }
                return new FramebufferSetting(device, width, height, bpp);
            }
            case "png" -> {
                String path = config.required("display.png.path");
                return new PngSetting(Path.of(path == null ? "" : path), config.integer("display.width", 240, 8192, 480),
                        config.integer("display.height", 240, 8192, 320));
            }
            case "ansi" -> {
                return new AnsiSetting();
            }
            default -> {
                return new NoSetting();
            }
        }
    }
}
