package io.qrvend.terminal.payment.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrvend.terminal.payment.OrderRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The WeChat Pay API's own shapes of order fields: times at +08:00, amounts in fen, the description's limit. */
final class OrderFields {
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** RFC 3339 at +08:00, whole seconds, as the API's examples write it: 2026-11-22T16:02:30+08:00. */
    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    /** The API limits description to 127 characters. */
    static final int MAX_DESCRIPTION = 127;

    private OrderFields() {
    }

    /**
     * The last moment the customer can pay, rounded up to the second: never before the sale's own
     * window ends. WeChat keeps the first time_expire of an order number for good.
     */
    static String timeExpire(Instant now, OrderRequest order) {
        Instant end = now.plus(order.expiresIn());
        Instant whole = end.truncatedTo(ChronoUnit.SECONDS);
        if (whole.isBefore(end)) {
            whole = whole.plusSeconds(1);
        }
        return RFC3339.format(whole.atOffset(CHINA));
    }

    static String description(String subject) {
        String text = subject == null || subject.isBlank() ? "vending" : subject.strip();
        return text.codePointCount(0, text.length()) <= MAX_DESCRIPTION ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_DESCRIPTION));
    }

    /** {@code amount.<field>} as a whole number of fen, or null when absent or not one. */
    static Long amount(JsonNode body, String field) {
        JsonNode amount = body.get("amount");
        JsonNode value = amount == null ? null : amount.get(field);
        return value != null && value.isIntegralNumber() && value.canConvertToLong() ? value.asLong() : null;
    }

    /** An RFC 3339 time ({@code success_time}), or null when absent or unreadable. */
    static Instant wechatTime(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
