package io.qrvend.terminal.cli;

import io.qrvend.drivers.display.PngFile;
import io.qrvend.drivers.display.Raster;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.display.ScreenPainter;
import io.qrvend.terminal.qr.QrCode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvend qr TEXT --png FILE}: a QR code image, e.g. for a sticker or to check a phone scans ours.
 * With {@code --screen WxH}: the whole payment screen as a panel of that size shows it, with one
 * code per {@code --wallet}, e.g. to see how both codes fit a panel before buying it.
 */
@Command(name = "qr", mixinStandardHelpOptions = true, description = "Write TEXT as a QR code image, or a payment screen with --screen.")
public final class QrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @CommandLine.Mixin
    PaymentScreenOptions payment;
    @Option(names = "--png", paramLabel = "FILE", required = true, description = "PNG file to write.")
    Path png;
    @Option(names = "--size", paramLabel = "PX", defaultValue = "360", description = "Width and height of a code alone, in pixels (default: ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--screen", paramLabel = "WxH", converter = Converters.PanelSize.class,
            description = "Draw the payment screen of a panel this size, e.g. 480x320, with --product, --price and the codes.")
    Converters.Panel screen;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        return screen != null ? writeScreen(cl) : writeCode(cl);
    }

    private int writeCode(CommandLine cl) throws Exception {
        if (!payment.wallets.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--wallet labels a code on the payment screen: give --screen WxH too, e.g. --screen 480x320");
        }
        if (payment.describesAScreen(cl)) {
            throw new CommandLine.ParameterException(cl, "--product and --price are shown on the payment screen: give --screen WxH too");
        }
        if (size < 21 || size > 8192) {
            throw new CommandLine.ParameterException(cl, "--size must be between 21 and 8192 pixels, was " + size);
        }
        QrCode code = QrCode.encode(payment.codes(cl).get(0).qrText());
        if (code.scaleFor(size) < 1) {
            throw new CommandLine.ParameterException(cl, "--size " + size + " is too small: this code needs at least "
                    + (code.size() + 2 * QrCode.QUIET_ZONE) + " pixels");
        }
        PngFile.write(code.picture(size), png);
        cl.getOut().println("wrote " + png + ": " + size + "x" + size + " px, " + code.size() + " modules at "
                + code.scaleFor(size) + " px each");
        return 0;
    }

    private int writeScreen(CommandLine cl) throws Exception {
        if (cl.getParseResult().hasMatchedOption("--size")) {
            throw new CommandLine.ParameterException(cl, "--size is for a code alone; with --screen the panel's size sets the code's");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Screen.PaymentQr qr = payment.screen(cl, now);
        ScreenPainter painter;
        Raster frame;
        try {
            painter = new ScreenPainter(screen.width(), screen.height());
            frame = painter.paint(qr, now);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--screen " + screen.width() + "x" + screen.height() + ": " + e.getMessage());
        }
        PngFile.write(frame, png);
        cl.getOut().println("wrote " + png + ": the " + screen.width() + "x" + screen.height() + " px payment screen, "
                + PaymentScreenOptions.howCodesFit(qr, painter));
        return 0;
    }
}
