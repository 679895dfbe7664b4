package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.HardwareReport.Level;
import io.qrvend.terminal.daemon.HardwareReport.Line;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the daemon says at start about the hardware it opened, from configuration files as a technician writes them. */
class HardwareReportTest {

    private static List<Line> describe(Map<String, String> hardware) {
        Map<String, String> entries = new HashMap<>(hardware);
        entries.put("terminal.id", "VM042");
        return HardwareReport.describe(TerminalConfig.read(ConfigFile.of("test.conf", entries)).hardware());
    }

    private static List<Line> warnings(List<Line> lines) {
        return lines.stream().filter(l -> l.level() == Level.WARN).toList();
    }

    @Test
    void aModbusMachineWithSensorsOnRealPinsSaysWhatItOpened() {
        List<Line> lines = describe(Map.of(
                "relay.type", "modbus", "relay.port", "/dev/ttyUSB0", "relay.channels", "8", "relay.modbus.address", "255",
                "input.drop.pin", "5", "input.buttons", "A1=13", "input.door.pin", "26",
                "display.type", "framebuffer", "display.device", "/dev/fb1"));

        assertEquals(List.of(
                new Line(Level.INFO, "relay board: Modbus RTU relay at address 255, 8 channel(s) on serial port /dev/ttyUSB0 at 9600 baud"),
                new Line(Level.INFO, "GPIO: provider gpiod (libgpiod, /dev/gpiochip*)"),
                new Line(Level.INFO, "input lines: drop on BCM 5, button:A1 on BCM 13 (active low), door on BCM 26 (active low); debounce 10 ms"),
                new Line(Level.INFO, "display: framebuffer /dev/fb1 (size read from sysfs)")), lines);
    }

    @Test
    void gpioRelaysOnMockPinsWarnThatTheDaemonDrivesNoHardware() {
        List<Line> lines = describe(Map.of(
                "gpio.provider", "mock", "relay.type", "gpio", "relay.gpio.pins", "17,27", "relay.gpio.active_low", "yes",
                "input.drop.pins", "A1=5", "display.type", "png", "display.png.path", "/tmp/screen.png"));

        assertEquals(new Line(Level.INFO, "relay board: GPIO relays, 2 channel(s) on BCM pin(s) 17, 27 (active low)"), lines.get(0));
        assertEquals(new Line(Level.INFO, "GPIO: provider mock (Pi4J mock pins, no hardware)"), lines.get(1));
        assertEquals(List.of(new Line(Level.WARN, "MOCK GPIO: gpio.provider=mock, so the relay pins and the input lines are"
                + " Pi4J mock pins: this daemon drives no hardware, no product can drop")), warnings(lines));
        assertTrue(lines.contains(new Line(Level.INFO, "display: PNG file /tmp/screen.png, 480x320")), lines.toString());
    }

    @Test
    void aSerialRelayWithInputsOnMockPinsWarnsThatNoSensorIsRead() {
        List<Line> lines = describe(Map.of(
                "gpio.provider", "mock", "relay.type", "lcus", "relay.port", "/dev/ttyUSB1", "relay.channels", "4",
                "input.drop.pin", "5"));

        assertEquals(new Line(Level.INFO, "relay board: LCUS serial relay, 4 channel(s) on serial port /dev/ttyUSB1"), lines.get(0));
        assertEquals(List.of(new Line(Level.WARN, "MOCK GPIO: gpio.provider=mock, so the input lines are Pi4J mock pins:"
                + " this daemon reads no drop sensor, button or door switch")), warnings(lines));
        assertTrue(lines.contains(new Line(Level.INFO, "display: none (display.type=none)")), lines.toString());
    }

    @Test
    void mockPinsWarnEvenWhenNoPinIsUsedYet() {
        List<Line> lines = describe(Map.of("gpio.provider", "mock", "relay.type", "lcus", "relay.port", "/dev/ttyUSB1"));

        assertEquals(new Line(Level.INFO, "GPIO: not used: no relay or input line on pins (gpio.provider mock)"), lines.get(1));
        assertEquals(1, warnings(lines).size(), lines.toString());
        assertTrue(warnings(lines).get(0).text().startsWith("MOCK GPIO: gpio.provider=mock"), lines.toString());
        assertTrue(lines.contains(new Line(Level.INFO, "input lines: none configured")), lines.toString());
    }

    /** Java 17 cannot switch over a sealed type: this is what fails when a relay or display type is added and not described. */
    @Test
    void everyRelayAndDisplayTypeIsDescribed() {
        List<HardwareConfig.Relay> relays = List.of(new HardwareConfig.GpioRelay(List.of(17), false),
                new HardwareConfig.LcusRelay("/dev/ttyUSB0", 1),
                new HardwareConfig.ModbusRelay("/dev/ttyUSB0", 9600, 1, 8, Duration.ofMillis(500), false));
        List<HardwareConfig.DisplaySetting> displays = List.of(new HardwareConfig.FramebufferSetting(Path.of("/dev/fb0"), 480, 320, 16),
                new HardwareConfig.PngSetting(Path.of("screen.png"), 480, 320), new HardwareConfig.AnsiSetting(),
                new HardwareConfig.NoSetting());

        assertEquals(permitted(HardwareConfig.Relay.class), relays.stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(permitted(HardwareConfig.DisplaySetting.class), displays.stream().map(Object::getClass).collect(Collectors.toSet()));
        relays.forEach(r -> assertTrue(!HardwareReport.relay(r).isBlank()));
        assertEquals("framebuffer /dev/fb0, 480x320 at 16 bpp", HardwareReport.display(displays.get(0)));
        assertEquals("text on this terminal (ansi)", HardwareReport.display(displays.get(2)));
    }

    private static Set<Class<?>> permitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).collect(Collectors.toSet());
    }
}
