package io.qrvend.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.display.Framebuffer;
import io.qrvend.drivers.display.FramebufferGeometry;
import io.qrvend.drivers.display.PngFile;
import io.qrvend.terminal.display.QrDecoder;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The technician's hardware commands, on Pi4J mock pins and display files. */
class HwCommandTest {
    private static final String URL = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    String config(String... lines) throws IOException {
        Path file = dir.resolve("qrvend.conf");
        Files.writeString(file, "journal.path=" + dir.resolve("journal.db") + "\n" + String.join("\n", lines) + "\n");
        return file.toString();
    }

    String mockRelays() throws IOException {
        return config("gpio.provider=mock", "relay.type=gpio", "relay.gpio.pins=17,27,22", "relay.gpio.active_low=yes");
    }

    @Test
    void relayPulseIsJournaledAsATestVend() throws Exception {
        assertEquals(0, run("hw", "relay", "2", "--ms", "300", "--config", mockRelays()), err.toString());
        assertTrue(out.toString().contains("relay channel 2 pulsed for 300 ms"), out.toString());
        try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            assertEquals(1, journal.audit().testVends().size());
            assertEquals(2, journal.audit().testVends().get(0).channel());
            assertEquals(Duration.ofMillis(300), journal.audit().testVends().get(0).pulse());
            assertEquals("ok", journal.audit().testVends().get(0).outcome());
            assertEquals(List.of(), journal.sales());
        }
    }

    @Test
    void aChannelTheBoardLacksFailsAndIsJournaled() throws Exception {
        assertEquals(1, run("hw", "relay", "5", "--ms", "300", "--config", mockRelays()));
        assertTrue(err.toString().contains("relay channel 5 does not exist (board has channels 1..3)"), err.toString());
        try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            assertEquals("relay channel 5 does not exist (board has channels 1..3)", journal.audit().testVends().get(0).outcome());
        }
    }

    @Test
    void aSerialPortThatIsNotThereIsNamed() throws Exception {
        String cfg = config("relay.type=lcus", "relay.port=" + dir.resolve("ttyUSB7"), "relay.channels=4");
        assertEquals(1, run("hw", "relay", "1", "--config", cfg));
        assertTrue(err.toString().contains("serial port " + dir.resolve("ttyUSB7") + " does not exist"), err.toString());
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        String cfg = mockRelays();
        assertEquals(2, run("hw", "relay", "--config", cfg));
        assertTrue(err.toString().contains("Missing required parameter: 'CHANNEL'"), err.toString());
        assertEquals(2, run("hw", "relay", "1", "--ms", "0", "--config", cfg));
        assertEquals(2, run("hw", "relay", "one", "--config", cfg));
        assertEquals(2, run("hw", "inputs", "--for", "soon", "--config", cfg));
        assertEquals(2, run("hw"));
        assertEquals(2, run("hw", "relais"));
        assertTrue(err.toString().contains("Did you mean: hw relay"), err.toString());
    }

    @Test
    void aBrokenConfigurationNamesTheFileAndEveryBadKey() throws Exception {
        String cfg = config("relay.type=gpio", "relay.gpio.pins=17,99", "relay.gpio.activelow=yes", "display.type=hdmi");
        assertEquals(1, run("hw", "relay", "1", "--config", cfg));
        String e = err.toString();
        assertTrue(e.contains(cfg + ": relay.gpio.pins: '17,99' has 99, not between 0 and 27"), e);
        assertTrue(e.contains(cfg + ": relay.gpio.active_low: is required (yes or no)"), e);
        assertTrue(e.contains(cfg + ": relay.gpio.activelow: unknown key"), e);
        assertTrue(e.contains(cfg + ": display.type: 'hdmi' must be one of framebuffer, png, ansi, none"), e);
        assertEquals(1, run("hw", "relay", "1", "--config", dir.resolve("nope.conf").toString()));
        assertTrue(err.toString().contains(dir.resolve("nope.conf") + ": no such file"), err.toString());
    }

    @Test
    void showQrDrawsAScannableCodeOnAFramebufferFile() throws Exception {
        Path fb = dir.resolve("fb0");
        String cfg = config("relay.type=lcus", "relay.port=/dev/null", "display.type=framebuffer", "display.device=" + fb,
                "display.width=480", "display.height=320", "display.bpp=16");
        assertEquals(0, run("hw", "show-qr", URL, "--config", cfg), err.toString());
        Framebuffer back = new Framebuffer(fb, FramebufferGeometry.packed(480, 320, 16));
        assertEquals(URL, QrDecoder.decode(back.read()));
    }

    @Test
    void showQrDrawsOnAPng() throws Exception {
        Path png = dir.resolve("screen.png");
        String cfg = config("relay.type=lcus", "relay.port=/dev/null", "display.type=png", "display.png.path=" + png);
        assertEquals(0, run("hw", "show-qr", URL, "--product", "Cola", "--price", "3.00", "--config", cfg), err.toString());
        assertEquals(URL, QrDecoder.decode(PngFile.read(png)));
        assertEquals(2, run("hw", "show-qr", URL, "--price", "3.001", "--config", cfg));
    }

    @Test
    void showQrWithoutADisplaySaysSo() throws Exception {
        assertEquals(1, run("hw", "show-qr", URL, "--config", mockRelays()));
        assertTrue(err.toString().contains("display.type is none"), err.toString());
    }

    @Test
    void inputsListsTheLinesItWatches() throws Exception {
        String cfg = config("gpio.provider=mock", "relay.type=lcus", "relay.port=/dev/null", "input.drop.pin=5",
                "input.buttons=A1=6,A2=13", "input.cancel.pin=19");
        assertEquals(0, run("hw", "inputs", "--for", "100ms", "--config", cfg), err.toString());
        assertTrue(out.toString().startsWith("watching drop (BCM 5), button:A1 (BCM 6), button:A2 (BCM 13), cancel (BCM 19) for 100ms"),
                out.toString());
        assertEquals(1, run("hw", "inputs", "--for", "100ms", "--config", mockRelays()));
        assertTrue(err.toString().contains("configures no input lines"), err.toString());
    }

    @Test
    void qrWritesAPngAPhoneCanRead() throws Exception {
        Path png = dir.resolve("code.png");
        assertEquals(0, run("qr", URL, "--png", png.toString(), "--size", "300"), err.toString());
        assertEquals(URL, QrDecoder.decode(PngFile.read(png)));
        assertTrue(out.toString().contains("300x300 px, 33 modules at 7 px each"), out.toString());
        assertEquals(2, run("qr", URL, "--png", png.toString(), "--size", "30"));
        assertTrue(err.toString().contains("needs at least 41 pixels"), err.toString());
        assertEquals(2, run("qr", URL));
    }
}
