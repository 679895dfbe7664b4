package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;

/**
 * The control socket's reading of a request, on arbitrary bytes arriving in arbitrary pieces: a
 * JSON object, or a refusal (not JSON, too long, empty); never a crash.
 */
class ControlProtocolFuzzTest {

    @FuzzTest
    void requestsParseOrAreRefused(byte[] bytes) {
        LineChannel.LineBuffer line = new LineChannel.LineBuffer(ControlServer.MAX_REQUEST);
        // The first byte cuts the rest in two, as two reads from the socket might.
        int cut = bytes.length == 0 ? 0 : Math.floorMod(bytes[0], bytes.length);
        LineChannel.Read read = line.take(ByteBuffer.wrap(bytes, 0, cut));
        if (read == null) {
            read = line.take(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
        }
        if (read == null) {
            read = line.end();
        }
        switch (read.outcome()) {
            case LINE -> {
                assertNotNull(read.line());
                assertTrue(read.line().indexOf('\n') < 0, "a line ends at its newline");
                JsonNode request = ControlProtocol.parseRequest(read.line());
                assertTrue(request == null || request.isObject());
            }
            case TOO_LONG -> assertTrue(bytes.length > ControlServer.MAX_REQUEST, "only more bytes than the limit are too long");
            case ENDED -> assertEquals(0, bytes.length);
            case TIMED_OUT -> throw new AssertionError("no clock here, nothing can time out");
        }
        if (read.outcome() != LineChannel.Outcome.LINE) {
            assertNull(read.line());
        }
    }
}
