package io.qrvend.terminal.cli;

import io.qrvend.terminal.display.CodeGrid;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.display.ScreenPainter;
import io.qrvend.terminal.qr.QrCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a test payment screen shows, for {@code qrvend qr --screen} and {@code qrvend hw show-qr}: one
 * code given as TEXT (drawn as a terminal with one wallet draws it), or one code per wallet with
 * {@code --wallet alipay=... --wallet wechat=...}, shown in the order given; and the product and price.
 */
final class PaymentScreenOptions {
    /** The order number a test screen carries; nothing is sold. */
    static final String TEST_ORDER = "TEST";
    /** The countdown a test screen shows. */
    static final int WINDOW_SECONDS = 90;

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "What the QR code says, e.g. an order URL (or give --wallet).")
    String text;
    @Option(names = "--wallet", paramLabel = "WALLET=TEXT", converter = Converters.WalletQr.class,
            description = "One wallet's code, labelled with its name, e.g. alipay=https://qr.alipay.com/... or "
                    + "wechat=weixin://wxpay/bizpayurl?pr=...; repeat for each wallet, in the order they are shown.")
    List<Screen.WalletCode> wallets = new ArrayList<>();
    @Option(names = "--product", defaultValue = "Test product", description = "Product name shown (default: ${DEFAULT-VALUE}).")
    String product;
    @Option(names = "--price", paramLabel = "YUAN", defaultValue = "0.01", converter = Converters.Yuan.class,
            description = "Price shown, in yuan (default: ${DEFAULT-VALUE}).")
    long fen;

    /** The codes to show, in order; a usage error unless exactly one of TEXT and --wallet was given and each encodes. */
    List<Screen.WalletCode> codes(CommandLine cl) {
        if (text == null && wallets.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "give the code's TEXT, or --wallet WALLET=TEXT for each wallet");
        }
        if (text != null && !wallets.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "give either TEXT or --wallet, not both");
        }
        List<Screen.WalletCode> codes = text != null ? List.of(new Screen.WalletCode("", text)) : wallets;
        Set<String> seen = new HashSet<>();
        for (Screen.WalletCode code : codes) {
            String name = code.label().isEmpty() ? "TEXT" : "--wallet " + code.label();
            if (!seen.add(code.label())) {
                throw new CommandLine.ParameterException(cl, name + " is given twice");
            }
            try {
                QrCode.encode(code.qrText());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, name + ": " + e.getMessage());
            }
        }
        return codes;
    }

    /** The payment screen at {@code now}, with its full countdown. */
    Screen.PaymentQr screen(CommandLine cl, Instant now) {
        return new Screen.PaymentQr(TEST_ORDER, product, fen, codes(cl), now.plusSeconds(WINDOW_SECONDS));
    }

    /** True when --product or --price was given, which only a whole screen shows. */
    boolean describesAScreen(CommandLine cl) {
        CommandLine.ParseResult parsed = cl.getParseResult();
        return parsed.hasMatchedOption("--product") || parsed.hasMatchedOption("--price");
    }

    /** How the codes came out on a panel: what a technician choosing a panel wants to know. */
    static String howCodesFit(Screen.PaymentQr qr, ScreenPainter painter) {
        if (qr.codes().size() == 1) {
            return "one code";
        }
        CodeGrid grid = painter.grid(qr);
        String how = switch (grid.arrangement()) {
            case SIDE_BY_SIDE -> "side by side";
            case STACKED -> "stacked";
            case ALTERNATING -> "taking turns every " + ScreenPainter.ALTERNATE_SECONDS + " s (the panel is too small for all at once)";
        };
        return qr.codes().size() + " codes " + how + " at " + grid.modulePx() + " px per module";
    }
}
