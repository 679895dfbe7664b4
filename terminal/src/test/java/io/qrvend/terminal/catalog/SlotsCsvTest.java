package io.qrvend.terminal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotsCsvTest {
    static final List<Slot> SLOTS = List.of(
            new Slot("A1", "Cola, cold", 350, 1, true, 5, true, null),
            new Slot("A2", "Tea \"green\"", 300, 2, false, 0, false, Duration.ofMillis(2500)));

    @Test
    void roundTrips() {
        String csv = SlotsCsv.format(SLOTS);
        assertEquals(SlotsCsv.HEADER + "\nA1,\"Cola, cold\",3.50,1,5,yes,yes,\nA2,\"Tea \"\"green\"\"\",3.00,2,0,no,no,2500ms\n", csv);
        assertEquals(SLOTS, SlotsCsv.parse(csv));
    }

    @Test
    void aBadLineIsNamedAndNothingIsTaken() {
        String header = SlotsCsv.HEADER + "\n";
        assertEquals("line 3: expected 8 fields (" + SlotsCsv.HEADER + "), found 9",
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse(header + "A1,Cola,3.50,1,5,yes,yes,\nA2,Tea,3,5,2,0,no,no,\n")).getMessage());
        assertEquals("line 2: sensor must be yes or no, not 'maybe'",
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse(header + "A1,Cola,3.50,1,5,maybe,yes,\n")).getMessage());
        assertEquals("line 2: channel 'one' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse(header + "A1,Cola,3.50,one,5,yes,yes,\n")).getMessage());
        assertEquals("line 3: slot A1 appears twice",
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse(header + "A1,Cola,3.50,1,5,yes,yes,\nA1,Cola,3.50,1,5,yes,yes,\n")).getMessage());
        assertEquals("line 1: the header must be " + SlotsCsv.HEADER,
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse("slot;name\n")).getMessage());
        assertEquals("line 2: a quoted field is not closed",
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse(header + "A1,\"Cola,3.50,1,5,yes,yes,\n")).getMessage());
        assertEquals("line 2: slot A1: relay channel must be 1 or more, not 0",
                assertThrows(IllegalArgumentException.class, () -> SlotsCsv.parse(header + "A1,Cola,3.50,0,5,yes,yes,\n")).getMessage());
    }
}
