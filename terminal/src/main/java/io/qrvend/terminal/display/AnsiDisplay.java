package io.qrvend.terminal.display;

import io.qrvend.drivers.display.AnsiBlocks;
import io.qrvend.terminal.qr.QrCode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A text terminal as the display: the screen's words as text and the payment QR in half-block
 * characters, one character per module wide, which a phone scans off the terminal window; with two
 * wallets, each code under its wallet's name, one after the other. With
 * {@code clear}, each screen replaces the last (an interactive terminal); without, screens follow
 * each other (a log).
 */
public final class AnsiDisplay implements Display {
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private final PrintStream out;
    private final Supplier<Instant> clock;
    private final boolean clear;

    public AnsiDisplay(PrintStream out, Supplier<Instant> clock, boolean clear) {
        this.out = out;
        this.clock = clock;
        this.clear = clear;
    }

    @Override
    public void show(Screen screen) {
        out.print(render(screen, clock.get()));
        out.flush();
    }

    String render(Screen screen, Instant now) {
        ScreenText text = ScreenText.of(screen, now);
        StringBuilder page = new StringBuilder(clear ? CLEAR : "\n");
        String rule = "+" + "-".repeat(46) + "+\n";
        page.append(rule);
        if (!text.headline().isEmpty()) {
            page.append("  ").append(text.headline()).append('\n');
        }
        for (String line : text.lines()) {
            page.append("  ").append(line).append('\n');
        }
        if (screen instanceof Screen.PaymentQr qr) {
            // One code after another, each under its wallet's name: a terminal window is tall and
            // scrolls, and codes side by side would not fit an 80-column window at a character a module.
            for (Screen.WalletCode wallet : qr.codes()) {
                if (!wallet.label().isEmpty()) {
                    page.append("  ").append(wallet.label()).append(":\n");
                }
                QrCode code = QrCode.encode(wallet.qrText());
                page.append(AnsiBlocks.render(code.picture(code.size() + 2 * QrCode.QUIET_ZONE)));
                page.append("  ").append(wallet.qrText()).append('\n');
            }
        }
        page.append(rule);
        return page.toString();
    }
}
