package io.qrvend.terminal.cli;

import io.qrvend.drivers.display.PngFile;
import io.qrvend.terminal.qr.QrCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvend qr TEXT --png FILE}: a QR code image, e.g. for a sticker or to check a phone scans ours. */
@Command(name = "qr", mixinStandardHelpOptions = true, description = "Write TEXT as a QR code image.")
public final class QrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "TEXT", description = "What the code says.")
    String text;
    @Option(names = "--png", paramLabel = "FILE", required = true, description = "PNG file to write.")
    Path png;
    @Option(names = "--size", paramLabel = "PX", defaultValue = "360", description = "Width and height in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() throws Exception {
        if (size < 21 || size > 8192) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size must be between 21 and 8192 pixels, was " + size);
        }
        QrCode code;
        try {
            code = QrCode.encode(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "TEXT: " + e.getMessage());
        }
        if (code.scaleFor(size) < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size " + size + " is too small: this code needs at least "
                    + (code.size() + 2 * QrCode.QUIET_ZONE) + " pixels");
        }
        PngFile.write(code.picture(size), png);
        spec.commandLine().getOut().println("wrote " + png + ": " + size + "x" + size + " px, " + code.size() + " modules at "
                + code.scaleFor(size) + " px each");
        return 0;
    }
}
