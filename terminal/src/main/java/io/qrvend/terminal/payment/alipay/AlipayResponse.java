package io.qrvend.terminal.payment.alipay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A gateway answer taken apart for verification: the exact text of the {@code <method>_response}
 * (or {@code error_response}) object as it stood in the body, which is what Alipay signs, and the
 * {@code sign} beside it. The text is located with a streaming parser, so quotes, escapes and nested
 * objects inside it cannot shift the boundaries.
 */
public record AlipayResponse(String nodeName, String signedText, JsonNode node, String sign) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** The response node's name for a method, e.g. {@code alipay_trade_query_response}. */
    public static String nodeName(String method) {
        return method.replace('.', '_') + "_response";
    }

    /**
     * Parses {@code body}, the answer to {@code method}. Throws {@link Malformed} when it is not one
     * JSON object holding exactly one response node.
     */
    public static AlipayResponse parse(String body, String method) throws Malformed {
        String expected = nodeName(method);
        String found = null;
        String text = null;
        String sign = null;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(expected) || name.equals("error_response")) {
                    if (found != null) {
                        throw new Malformed("two response nodes (" + found + ", " + name + ")");
                    }
                    if (value != JsonToken.START_OBJECT) {
                        throw new Malformed(name + " is not an object");
                    }
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getCharOffset();
                    found = name;
                    text = body.substring(start, end);
                } else if (name.equals("sign")) {
                    if (value != JsonToken.VALUE_STRING || sign != null) {
                        throw new Malformed("sign is not a single string");
                    }
                    sign = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new Malformed("trailing content after the JSON object");
            }
        } catch (IOException e) {
            throw new Malformed("not valid JSON: " + firstLine(e.getMessage()));
        }
        if (found == null) {
            throw new Malformed("no " + expected + " in the answer");
        }
        try {
            return new AlipayResponse(found, text, MAPPER.readTree(text), sign);
        } catch (IOException e) {
            throw new Malformed("response node is not valid JSON");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Text field of the node, or null when absent or not text. */
    public String text(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The answer is not a well-formed Alipay response. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }
}
