package io.qrvend.terminal.display;

import io.qrvend.terminal.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of each screen, shared by every display so a pixel screen and a terminal say the same.
 * {@code headline} is drawn large; {@code lines} below it (or beside the QR).
 */
public record ScreenText(String headline, List<String> lines) {
    public ScreenText {
        lines = List.copyOf(lines);
    }

    public static ScreenText of(Screen screen, Instant now) {
        if (screen instanceof Screen.Idle idle) {
            return idle(idle);
        } else if (screen instanceof Screen.PaymentQr qr) {
            return new ScreenText(yuan(qr.priceFen()),
                    List.of(qr.productName(), scanWith(qr.codes()), secondsLeft(qr.deadline(), now)));
        } else if (screen instanceof Screen.Vending v) {
            return new ScreenText("Paid, thank you", List.of("Dropping your " + v.productName() + "..."));
        } else if (screen instanceof Screen.ThankYou t) {
            return new ScreenText("Thank you!", List.of("Please take your " + t.productName() + "."));
        } else if (screen instanceof Screen.Refunded r) {
            return new ScreenText("Sorry", List.of(r.productName() + " did not drop.",
                    yuan(r.amountFen()) + (r.wallet().isEmpty() ? " is refunded." : " is refunded to your " + r.wallet() + ".")));
        } else if (screen instanceof Screen.Notice n) {
            return new ScreenText("", List.of(n.message()));
        } else {
            return new ScreenText("Out of service", List.of(((Screen.OutOfService) screen).reason()));
        }
    }

    /** The countdown under a QR code, whole seconds, never negative. */
    public static String secondsLeft(Instant deadline, Instant now) {
        return wholeSecondsLeft(deadline, now) + " s left";
    }

    /** Seconds to {@code deadline}, rounded up so the count shows 0 only when the time is up. */
    public static long wholeSecondsLeft(Instant deadline, Instant now) {
        return Math.max(0, (Duration.between(now, deadline).toMillis() + 999) / 1000);
    }

    /**
     * "Scan with Alipay or WeChat Pay": the wallets whose codes are shown, in their order. A single
     * unlabelled code is the Alipay code of a terminal from before there were two wallets.
     */
    static String scanWith(List<Screen.WalletCode> codes) {
        List<String> labels = new ArrayList<>();
        for (Screen.WalletCode code : codes) {
            if (!code.label().isEmpty()) {
                labels.add(code.label());
            }
        }
        if (labels.isEmpty()) {
            return "Scan with Alipay";
        }
        String last = labels.remove(labels.size() - 1);
        return "Scan with " + (labels.isEmpty() ? last : String.join(", ", labels) + " or " + last);
    }

    private static ScreenText idle(Screen.Idle idle) {
        List<String> lines = new ArrayList<>();
        for (Screen.Offer offer : idle.offers()) {
            lines.add(offer.slotId() + "  " + offer.name() + "  " + (offer.available() ? yuan(offer.priceFen()) : "sold out"));
        }
        if (lines.isEmpty()) {
            lines.add("No products today");
        }
        return new ScreenText("Choose a product", lines);
    }

    private static String yuan(long fen) {
        return "\u00A5" + Money.format(fen);
    }
}
