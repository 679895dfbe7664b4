package io.qrvend.terminal.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is a count of fen (the yuan's minor unit) held in a {@code long}. Decimal text such as
 * {@code "3.50"} exists only at the edges: the backend's wire format and what people type or read.
 */
public final class Money {
    private Money() {
    }

    /** Formats fen as yuan with exactly two decimals, e.g. 350 as "3.50". */
    public static String format(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /**
     * Parses yuan text with at most two decimals, e.g. "3.5" or "3.50", into fen. Refuses more
     * decimals rather than rounding: a price must mean exactly what was typed.
     */
    public static long parse(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            throw new IllegalArgumentException("an amount is required, e.g. 3.50");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(yuan.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + yuan + "' is not an amount; write yuan like 3.50");
        }
        if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("'" + yuan + "' has more than two decimals");
        }
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + yuan + "' is out of range");
        }
    }
}
