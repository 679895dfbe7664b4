package io.qrvend.terminal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void parsesTheFormsOperatorsWrite() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse(" 90s "));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
        assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    }

    @Test
    void refusesAnythingElseWithTheForm() {
        for (String bad : new String[] {"", "90", "1.5s", "-3s", "3 s", "3sec", "s", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad), String.valueOf(bad));
            assertEquals(true, e.getMessage().contains("500ms, 90s, 5m or 2h"), e.getMessage());
        }
    }

    @Test
    void formatsBackExactly() {
        assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("2m", DurationText.format(Duration.ofSeconds(120)));
        assertEquals("0s", DurationText.format(Duration.ZERO));
    }
}
