package io.qrvend.terminal.sale;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Order numbers: terminal id, UTC date, and a sequence the journal persists, e.g.
 * {@code T001_261122_00000042}. Unique across restarts (the sequence never goes back, whatever the
 * clock does) and across terminals (ids differ); at most 32 characters, WeChat Pay's limit, and
 * only letters, digits and '_', which every backend accepts.
 */
public final class OrderNumbers {
    public static final int MAX_LENGTH = 32;
    private static final Pattern TERMINAL_ID = Pattern.compile("[A-Za-z0-9]{1,12}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private OrderNumbers() {
    }

    /** Checks a configured terminal id; the message names the key. */
    public static String checkTerminalId(String id) {
        if (id == null || !TERMINAL_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("terminal.id '" + id + "' must be 1-12 letters or digits");
        }
        return id;
    }

    public static String format(String terminalId, Instant now, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("order sequence must start at 1, not " + sequence);
        }
        String orderNo = checkTerminalId(terminalId) + "_" + DATE.format(now) + "_" + String.format("%08d", sequence);
        if (orderNo.length() > MAX_LENGTH) {
            throw new IllegalStateException("order number " + orderNo + " is longer than " + MAX_LENGTH);
        }
        return orderNo;
    }
}
