package io.qrvend.drivers.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qrvend.drivers.relay.LcusFrames;
import io.qrvend.drivers.relay.ModbusFrames;

/**
 * Serial frame decoding on any bytes a wire can carry: never throws, and whatever decodes encodes
 * back to the same bytes. Replays src/test/resources/.../FrameDecodingFuzzTestInputs in mvn verify.
 */
class FrameDecodingFuzzTest {

    @FuzzTest
    void modbusFramesDecodeOrAreRejected(byte[] frame) {
        ModbusFrames.CoilWrite write = ModbusFrames.decodeWrite(frame);
        if (write != null) {
            assertArrayEquals(frame, ModbusFrames.writeSingleCoil(write.slave(), write.coil(), write.value()));
        }
        int code = ModbusFrames.exceptionCode(frame);
        if (code >= 0) {
            assertEquals(code, frame[2] & 0xFF);
        }
        ModbusFrames.crcMatches(frame);
    }

    @FuzzTest
    void lcusFramesDecodeOrAreRejected(byte[] frame) {
        LcusFrames.Command command = LcusFrames.decode(frame);
        if (command != null) {
            assertArrayEquals(frame, LcusFrames.command(command.channel(), command.on()));
        }
    }
}
