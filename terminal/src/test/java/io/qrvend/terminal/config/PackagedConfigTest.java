package io.qrvend.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The qrvend.conf the Debian package installs: every key there, commented, and each example valid. */
class PackagedConfigTest {
    static final Path PACKAGED = Path.of("src/deb/qrvend.conf");

    static Map<String, String> commentedEntries() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(PACKAGED)) {
            if (line.matches("#[a-z_.]+=.*")) {
                String[] kv = line.substring(1).split("=", 2);
                entries.put(kv[0], kv[1]);
            }
        }
        return entries;
    }

    @Test
    void listsEveryKeyQrvendKnowsAndNoOther() throws Exception {
        assertEquals(new java.util.TreeSet<>(TerminalConfig.KEYS), new java.util.TreeSet<>(commentedEntries().keySet()));
    }

    @Test
    void itsExamplesAreValidValues() throws Exception {
        Map<String, String> entries = commentedEntries();
        entries.remove("input.drop.pin"); // the file shows both sensor layouts; a machine has one
        TerminalConfig config = TerminalConfig.read(ConfigFile.of(PACKAGED.toString(), entries));
        assertEquals(List.of(17, 27, 22, 23), ((HardwareConfig.GpioRelay) config.hardware().relay()).pins());
    }
}
