package io.qrvend.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qrvend.drivers.gpio.Gpio.Pull;
import io.qrvend.drivers.gpio.GpioProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalConfigTest {

    private static TerminalConfig read(Map<String, String> entries) {
        return TerminalConfig.read(ConfigFile.of("test.conf", entries));
    }

    private static List<String> problems(Map<String, String> entries) {
        return assertThrows(ConfigException.class, () -> read(entries)).problems();
    }

    @Test
    void aModbusMachineWithSensorsAndAFramebuffer() {
        TerminalConfig c = read(Map.ofEntries(
                Map.entry("terminal.id", "VM042"),
                Map.entry("journal.path", "/data/journal.db"),
                Map.entry("alipay.gateway", "https://openapi.alipay.com/gateway.do"),
                Map.entry("sale.payment_window", "120s"),
                Map.entry("relay.type", "modbus"),
                Map.entry("relay.port", "/dev/ttyUSB0"),
                Map.entry("relay.channels", "8"),
                Map.entry("relay.modbus.address", "255"),
                Map.entry("relay.modbus.flash", "yes"),
                Map.entry("input.drop.pins", "A1=5, A2=6"),
                Map.entry("input.buttons", "A1=13,A2=19"),
                Map.entry("input.door.pin", "26"),
                Map.entry("display.type", "framebuffer"),
                Map.entry("display.device", "/dev/fb1")));
        assertEquals("VM042", c.terminalId());
        assertEquals(Path.of("/data/journal.db"), c.journalPath());
        assertEquals(Duration.ofSeconds(120), c.sale().paymentWindow());
        assertEquals(new HardwareConfig.ModbusRelay("/dev/ttyUSB0", 9600, 255, 8, Duration.ofMillis(500), true), c.hardware().relay());
        assertEquals(new HardwareConfig.Inputs(Map.of("A1", 5, "A2", 6), null, false, Pull.DOWN, Map.of("A1", 13, "A2", 19), null, 26,
                Duration.ofMillis(10)), c.hardware().inputs());
        assertEquals(new HardwareConfig.FramebufferSetting(Path.of("/dev/fb1"), null, null, null), c.hardware().display());
        assertEquals(GpioProvider.GPIOD, c.hardware().gpioProvider(), "real pins unless the file says otherwise");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(List.of(
                "terminal.id: 'vending machine 1' must be 1-8 letters or digits (it starts every order number)",
                "sale.payment_window: '90' is not a duration; write it like 500ms, 90s, 5m or 2h",
                "relay.type: 'usb' must be one of gpio, lcus, modbus",
                "input.buttons: 'A1=5,A2' has 'A2', not NAME=NUMBER",
                "input.debounce: '-5ms' is not a duration; write it like 500ms, 90s, 5m or 2h",
                "display.type: 'lcd' must be one of framebuffer, png, ansi, none",
                "relay.pins: unknown key"),
                problems(Map.of("terminal.id", "vending machine 1", "sale.payment_window", "90", "relay.type", "usb",
                        "relay.pins", "17", "input.buttons", "A1=5,A2", "input.debounce", "-5ms", "display.type", "lcd")));
    }

    @Test
    void relaysNeedTheirPortOrPinsAndGpioItsPolarity() {
        assertEquals(List.of("relay.type: is required (gpio, lcus or modbus)"), problems(Map.of()));
        assertEquals(List.of("relay.port: is required"), problems(Map.of("relay.type", "lcus")));
        assertEquals(List.of("relay.gpio.pins: is required for relay.type=gpio (BCM pin per channel, e.g. 17,27,22)",
                "relay.gpio.active_low: is required (yes or no)"), problems(Map.of("relay.type", "gpio")));
        assertEquals(List.of("relay.gpio.pins: names a pin twice"),
                problems(Map.of("relay.type", "gpio", "relay.gpio.pins", "17,17", "relay.gpio.active_low", "no")));
        // A typo in the required polarity is named like a missing one (it once was a NullPointerException).
        assertEquals(List.of("relay.gpio.active_low: 'ye' must be yes or no"),
                problems(Map.of("relay.type", "gpio", "relay.gpio.pins", "17", "relay.gpio.active_low", "ye")));
        assertEquals(List.of("relay.modbus.address: '0' must be between 1 and 255"),
                problems(Map.of("relay.type", "modbus", "relay.port", "/dev/ttyUSB0", "relay.modbus.address", "0")));
    }

    @Test
    void dropSensorsAreSharedOrPerSlotNotBoth() {
        assertEquals(List.of("input.drop.pin: give either one shared sensor (input.drop.pin) or one per slot (input.drop.pins), not both"),
                problems(Map.of("relay.type", "lcus", "relay.port", "/dev/ttyUSB0", "input.drop.pin", "5", "input.drop.pins", "A1=6")));
    }

    @Test
    void framebufferGeometryIsAllOrNothing() {
        assertEquals(List.of("display.width: give display.width, display.height and display.bpp together, or none to read them from sysfs"),
                problems(Map.of("relay.type", "lcus", "relay.port", "/dev/ttyUSB0", "display.type", "framebuffer", "display.width", "480",
                        "display.height", "320")));
        assertEquals(List.of("display.bpp: '24' must be one of 16, 32"),
                problems(Map.of("relay.type", "lcus", "relay.port", "/dev/ttyUSB0", "display.type", "framebuffer", "display.width", "480",
                        "display.height", "320", "display.bpp", "24")));
    }

    @Test
    void eachPinDoesOneThing() {
        Map<String, String> gpio = Map.of("relay.type", "gpio", "relay.gpio.pins", "17,27", "relay.gpio.active_low", "yes");
        assertEquals(List.of("input.drop.pins: BCM pin 5 is slot A1's drop sensor (input.drop.pins) and cannot also be slot A2's drop sensor: "
                        + "one pin cannot tell which slot dropped (for one sensor under several slots, give input.drop.pin instead)"),
                problems(with(gpio, "input.drop.pins", "A1=5,A2=5")));
        assertEquals(List.of("input.drop.pins: BCM pin 27 is relay channel 2's output (relay.gpio.pins) and cannot also be slot A2's drop sensor: "
                        + "a relay pin is an output the terminal drives, it reads no input"),
                problems(with(gpio, "input.drop.pins", "A1=5,A2=27")));
        assertEquals(List.of("input.drop.pin: BCM pin 17 is relay channel 1's output (relay.gpio.pins) and cannot also be the shared drop sensor: "
                        + "a relay pin is an output the terminal drives, it reads no input"),
                problems(with(gpio, "input.drop.pin", "17")));
        assertEquals(List.of("input.buttons: BCM pin 6 is slot A1's drop sensor (input.drop.pins) and cannot also be slot A1's button: "
                        + "one pin cannot tell two inputs apart",
                "input.door.pin: BCM pin 26 is the cancel button (input.cancel.pin) and cannot also be the door switch: one pin cannot tell two inputs apart"),
                problems(with(gpio, "input.drop.pins", "A1=6", "input.buttons", "A1=6,A2=13", "input.cancel.pin", "26", "input.door.pin", "26")));
        // Relay pins are pins only for a GPIO board: an LCUS board's channels leave every pin free.
        assertEquals(Map.of("A1", 17), read(Map.of("relay.type", "lcus", "relay.port", "/dev/ttyUSB0", "relay.gpio.pins", "17",
                "input.drop.pins", "A1=17")).hardware().inputs().dropPins());
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> out = new java.util.HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
