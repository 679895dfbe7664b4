package io.qrvend.sim.backend;

import java.util.Locale;

/** What can go wrong with one call to the simulated gateway, as it goes wrong with the real one. */
public enum Fault {
    /** The answer comes, late (by the plan's latency). */
    LATENCY,
    /** No answer at all: the request is held until the client gives up. */
    TIMEOUT,
    /** The connection is closed without an answer. */
    RESET,
    /** HTTP 500 with an error page. */
    HTTP_500,
    /** Alipay's {@code 20000} service unavailable, signed. */
    UNAVAILABLE,
    /** Alipay's {@code 40004 ACQ.SYSTEM_ERROR}, signed. */
    SYSTEM_ERROR,
    /** The real answer, cut off halfway. */
    GARBLED,
    /** The real answer, signed with a key that is not Alipay's. */
    BAD_SIGNATURE,
    /** For a query: "TRADE_SUCCESS" for a trade nobody paid, signed with a forger's key. */
    FORGED_PAID,
    /** The answer this call got last time, again: a duplicate, possibly out of date. */
    STALE,
    /** For a cancel: the customer's payment lands just before the cancel is processed. */
    PAY_BEFORE_CANCEL,
    /**
     * The call is carried out and the headers come at once, then one byte every 100 ms: slower than
     * any deadline. The server stops as soon as the client has gone; a client that stays gets the
     * answer after the plan's drip bound.
     */
    DRIP,
    /**
     * The real answer without its signature: WeChat Pay's answer without the {@code Wechatpay-*}
     * headers, Alipay's without {@code sign}.
     */
    UNSIGNED,
    /**
     * WeChat Pay: the real answer, validly signed, but its {@code Wechatpay-Timestamp} is 6 minutes
     * old (a replay, or a clock gone wrong). Alipay's answers carry no timestamp: answered honestly.
     */
    OLD_TIMESTAMP,
    /**
     * WeChat Pay: the order's payment, when the customer makes it, reports {@code USERPAYING} for the
     * plan's {@code userpaying} time before {@code SUCCESS}; the call itself is answered honestly.
     * Alipay has no such state: answered honestly.
     */
    USERPAYING_LASTS;

    public static Fault parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault '" + text + "'; one of " + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
