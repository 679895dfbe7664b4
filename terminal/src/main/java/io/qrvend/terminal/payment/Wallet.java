package io.qrvend.terminal.payment;

import java.util.Locale;
import java.util.Optional;

/** A wallet a customer can pay with; each has its own backend, order numbers and QR code. */
public enum Wallet {
    ALIPAY("alipay", "Alipay"),
    WECHAT("wechat", "WeChat Pay");

    private final String key;
    private final String label;

    Wallet(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name in configuration files and in the journal. */
    public String key() {
        return key;
    }

    /** The name a customer reads on the screen. */
    public String label() {
        return label;
    }

    public static Optional<Wallet> byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Wallet w : values()) {
            if (w.key.equals(k)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
