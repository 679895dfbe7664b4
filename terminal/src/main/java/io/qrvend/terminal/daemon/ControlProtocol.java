package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The control socket's protocol: the client writes one JSON object on one line, e.g.
 * {@code {"command":"sell","slot":"A1"}}, and reads one JSON object back: {@code "ok": true} with
 * the answer's fields, or {@code "ok": false} with {@code "error"}. Commands: {@code status},
 * {@code sell}, {@code cancel}, {@code catalog-changed}.
 */
public final class ControlProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlProtocol() {
    }

    public static ObjectNode request(String command) {
        return JsonNodeFactory.instance.objectNode().put("command", command);
    }

    static ObjectNode ok() {
        return JsonNodeFactory.instance.objectNode().put("ok", true);
    }

    static ObjectNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("ok", false).put("error", message);
    }

    /** A request line as JSON, or null when it is not a JSON object. */
    static JsonNode parseRequest(String line) {
        try {
            JsonNode request = JSON.readTree(line);
            return request != null && request.isObject() ? request : null;
        } catch (IOException e) {
            return null;
        }
    }
}
