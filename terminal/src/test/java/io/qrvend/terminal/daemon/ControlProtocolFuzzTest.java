package io.qrvend.terminal.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** The control socket's reading of a request, on arbitrary bytes: a JSON object, or a refusal; never a crash. */
class ControlProtocolFuzzTest {

    @FuzzTest
    void requestsParseOrAreRefused(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            String line = ControlProtocol.readLine(new BufferedReader(new StringReader(text)), 4096);
            if (line != null) {
                JsonNode request = ControlProtocol.parseRequest(line);
                assertTrue(request == null || request.isObject());
            }
        } catch (IOException tooLong) {
            assertTrue(tooLong.getMessage().startsWith("request longer than"), tooLong.getMessage());
        }
    }
}
