package io.qrvend.drivers.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qrvend.drivers.serial.Hex;
import org.junit.jupiter.api.Test;

/** Frames against the LCUS vectors (jarwyg/USB_RELAY README, recomputed in hardware-and-peers.md 3.1). */
class LcusFramesTest {

    @Test
    void matchesTheDocumentedFrames() {
        assertEquals("A0 01 01 A2", Hex.of(LcusFrames.command(1, true)));
        assertEquals("A0 01 00 A1", Hex.of(LcusFrames.command(1, false)));
        assertEquals("A0 02 01 A3", Hex.of(LcusFrames.command(2, true)));
        assertEquals("A0 02 00 A2", Hex.of(LcusFrames.command(2, false)));
    }

    @Test
    void decodesValidFramesOnly() {
        assertEquals(new LcusFrames.Command(2, true), LcusFrames.decode(Hex.parse("A0 02 01 A3")));
        assertNull(LcusFrames.decode(Hex.parse("A0 02 01 A4")));
        assertNull(LcusFrames.decode(Hex.parse("A1 02 01 A4")));
        assertNull(LcusFrames.decode(Hex.parse("A0 02 02 A4")));
        assertNull(LcusFrames.decode(Hex.parse("A0 02 01")));
    }

    @Test
    void channelZeroDoesNotExist() {
        assertThrows(IllegalArgumentException.class, () -> LcusFrames.command(0, true));
    }
}
