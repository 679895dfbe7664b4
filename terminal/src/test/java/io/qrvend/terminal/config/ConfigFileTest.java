package io.qrvend.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private static ConfigException refused(String text) {
        return assertThrows(ConfigException.class, () -> TerminalConfig.read(ConfigFile.read("qrvend.conf", text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aKeyGivenTwiceIsNamedWithBothLinesNotSilentlyOverwritten() {
        ConfigException e = refused("relay.type=lcus\nrelay.port=/dev/ttyUSB0\nalipay.gateway=https://openapi.alipay.com/gateway.do\n"
                + "# later, someone appends:\n\nalipay.gateway=https://attacker.example/gateway.do\nrelay.port : /dev/ttyUSB1\n"
                + "relay.port=/dev/ttyUSB2\n");
        assertEquals(List.of("relay.port: is given 3 times, on lines 2, 7 and 8; keep one",
                "alipay.gateway: is given twice, on lines 3 and 6; keep one"), e.problems());
        assertTrue(e.getMessage().contains("qrvend.conf: alipay.gateway: is given twice"), e.getMessage());
        assertEquals(List.of("relay.type: is given 1000 times, on lines 1, 2, 3, ... and 1000; keep one"),
                refused("relay.type=lcus\n".repeat(1000) + "relay.port=/dev/ttyUSB0\n").problems());
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLine() {
        byte[] text = "relay.type=lcus\r\nrelay.port=/dev/ttyUSB0\nterminal.id=VM\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.read("qrvend.conf", text));
        assertEquals("qrvend.conf: line 3: byte 15 of the line (0xE9) is not UTF-8; save the file as UTF-8", e.getMessage());
    }

    @Test
    void aMalformedEscapeIsNamedByLine() {
        ConfigException e = refused("relay.type=lcus\n\nrelay.port=\\u12\n");
        assertEquals(List.of("line 3: Malformed \\uxxxx encoding."), e.problems());
    }

    @Test
    void aHugeValueIsQuotedShort() {
        String huge = "x".repeat(1_000_000);
        ConfigException e = refused("relay.type=lcus\nrelay.port=/dev/ttyUSB0\nsale.pulse=" + huge + "\nterminal.id=" + huge + "\n" + huge + "=1\n");
        assertEquals(List.of("terminal.id: '" + "x".repeat(60) + "...' (1000000 characters) must be 1-8 letters or digits (it starts every order number)",
                "sale.pulse: '" + "x".repeat(60) + "...' (1000000 characters) is not a duration; write it like 500ms, 90s, 5m or 2h",
                "x".repeat(60) + "... (1000000 characters): unknown key"), e.problems());
    }

    @Test
    void entriesCarryTheLineTheyStartOn() {
        List<PropertiesText.Entry> entries = PropertiesText.entries("a=1\\\n   2\r\nb = 2\rc:3\n# x\\\n\n  ! y\nd\\\n=4\n\\\n#not a value\ne 5");
        assertEquals(List.of(new PropertiesText.Entry("a", "12", 1), new PropertiesText.Entry("b", "2", 3),
                new PropertiesText.Entry("c", "3", 4), new PropertiesText.Entry("d", "4", 8),
                new PropertiesText.Entry("e", "5", 12)), entries);
    }

    /** Whatever the text, the entries (last one winning) are what java.util.Properties reads. */
    @Test
    void readsExactlyWhatJavaUtilPropertiesReads() throws Exception {
        Random random = new Random(12);
        String alphabet = "ab=: \t\f\\\\\\\r\n\n#!u0";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Properties expected = new Properties();
            Map<String, String> actual = new HashMap<>();
            String failure = null;
            try {
                expected.load(new StringReader(text.toString()));
            } catch (IllegalArgumentException e) {
                failure = "malformed";
            }
            try {
                for (PropertiesText.Entry entry : PropertiesText.entries(text.toString())) {
                    actual.put(entry.key(), entry.value());
                }
                assertEquals(null, failure, () -> "accepted what Properties refuses: " + shown(text));
                Map<String, String> want = new HashMap<>();
                expected.stringPropertyNames().forEach(k -> want.put(k, expected.getProperty(k)));
                assertEquals(want, actual, () -> "for " + shown(text));
            } catch (IllegalArgumentException e) {
                assertEquals("malformed", failure, () -> "refused what Properties reads: " + shown(text) + ": " + e);
            }
        }
    }

    private static String shown(CharSequence text) {
        return text.toString().replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
                .replace("\f", "\\f");
    }

    @Test
    void loadRefusesWhatIsNotARegularFileOfSaneSizeBeforeReadingIt() throws Exception {
        Path good = dir.resolve("qrvend.conf");
        Files.writeString(good, "relay.type=lcus\nrelay.port=/dev/ttyUSB0\n");
        assertEquals("lcus", ConfigFile.load(good).string("relay.type", null));

        assertEquals(List.of("is not a regular file"), assertThrows(ConfigException.class, () -> ConfigFile.load(dir)).problems());
        assertEquals(List.of("is not a regular file"),
                assertThrows(ConfigException.class, () -> ConfigFile.load(Path.of("/dev/zero"))).problems());
        Path fifo = dir.resolve("fifo.conf");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        // Opening a FIFO with no writer would block forever; it is refused without being opened.
        assertEquals(List.of("is not a regular file"), assertThrows(ConfigException.class, () -> ConfigFile.load(fifo)).problems());

        Path big = dir.resolve("big.conf");
        Files.write(big, new byte[(int) ConfigFile.MAX_BYTES + 1]);
        assertEquals(List.of("is 1048577 bytes; a configuration file is at most 1048576"),
                assertThrows(ConfigException.class, () -> ConfigFile.load(big)).problems());
        assertEquals(List.of("no such file"),
                assertThrows(ConfigException.class, () -> ConfigFile.load(dir.resolve("missing.conf"))).problems());
    }
}
