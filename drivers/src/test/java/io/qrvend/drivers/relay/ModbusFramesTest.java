package io.qrvend.drivers.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.serial.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Frames against the vectors printed in relay board manuals (see hardware-and-peers.md, section 3.2). */
class ModbusFramesTest {

    @Test
    void slaveOneRelayOneMatchesTheManual() {
        assertEquals("01 05 00 00 FF 00 8C 3A", Hex.of(ModbusFrames.writeSingleCoil(1, 0, ModbusFrames.COIL_ON)));
        assertEquals("01 05 00 00 00 00 CD CA", Hex.of(ModbusFrames.writeSingleCoil(1, 0, ModbusFrames.COIL_OFF)));
    }

    @Test
    void lctechFactoryAddressMatchesTheManual() {
        assertEquals("FF 05 00 00 FF 00 99 E4", Hex.of(ModbusFrames.writeSingleCoil(0xFF, 0, ModbusFrames.COIL_ON)));
        assertEquals("FF 05 00 00 00 00 D8 14", Hex.of(ModbusFrames.writeSingleCoil(0xFF, 0, ModbusFrames.COIL_OFF)));
    }

    @Test
    void crcIsCrc16Modbus() {
        // The catalogue check value of CRC-16/MODBUS over "123456789".
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x4B37, ModbusFrames.crc16(check, check.length));
    }

    @Test
    void decodesWhatItEncodesAndRejectsDamage() {
        byte[] frame = ModbusFrames.writeSingleCoil(3, 0x0205, 7);
        assertEquals(new ModbusFrames.CoilWrite(3, 0x0205, 7), ModbusFrames.decodeWrite(frame));
        frame[4] ^= 0x01;
        assertNull(ModbusFrames.decodeWrite(frame));
        assertNull(ModbusFrames.decodeWrite(Hex.parse("01 06 00 00 FF 00 C9 FA")));
        assertNull(ModbusFrames.decodeWrite(Hex.parse("01 05 00")));
    }

    @Test
    void exceptionAnswers() {
        byte[] refusal = ModbusFrames.exception(1, 2);
        assertEquals(5, refusal.length);
        assertTrue(ModbusFrames.crcMatches(refusal));
        assertEquals(2, ModbusFrames.exceptionCode(refusal));
        assertEquals(-1, ModbusFrames.exceptionCode(ModbusFrames.writeSingleCoil(1, 0, 0)));
        refusal[2] = 9;
        assertFalse(ModbusFrames.crcMatches(refusal));
        assertEquals(-1, ModbusFrames.exceptionCode(refusal));
    }

    @Test
    void hexRoundTrips() {
        assertArrayEquals(new byte[] {1, 5, (byte) 0xFF}, Hex.parse("01 05 FF"));
    }
}
