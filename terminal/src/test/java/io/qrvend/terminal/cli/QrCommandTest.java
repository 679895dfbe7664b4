package io.qrvend.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.display.PngFile;
import io.qrvend.drivers.display.Raster;
import io.qrvend.terminal.display.QrDecoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code qrvend qr --screen} and {@code hw show-qr} with a code per wallet, and what they refuse. */
class QrCommandTest {
    private static final String ALIPAY = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
    private static final String WECHAT = "weixin://wxpay/bizpayurl?pr=QDC3nUKzz";

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aScreenWithBothWalletsIsAPngWithBothCodes() throws Exception {
        Path png = dir.resolve("two.png");
        assertEquals(0, run("qr", "--png", png.toString(), "--wallet", "alipay=" + ALIPAY, "--wallet", "wechat=" + WECHAT,
                "--screen", "480x320", "--product", "Green tea", "--price", "3.50"), err.toString());
        Raster frame = PngFile.read(png);
        assertEquals(480, frame.width());
        assertEquals(320, frame.height());
        assertEquals(Set.of(ALIPAY, WECHAT), QrDecoder.decodeAll(frame));
        assertEquals(ALIPAY, QrDecoder.decode(half(frame, 0)), "the first --wallet is on the left");
        assertEquals(WECHAT, QrDecoder.decode(half(frame, 1)));
        assertTrue(out.toString().contains("the 480x320 px payment screen, 2 codes side by side at 5 px per module"), out.toString());
    }

    @Test
    void theWalletsAreShownInTheOrderGiven() throws Exception {
        Path png = dir.resolve("two.png");
        assertEquals(0, run("qr", "--png", png.toString(), "--wallet", "wechat=" + WECHAT, "--wallet", "alipay=" + ALIPAY,
                "--screen", "800x480"), err.toString());
        assertEquals(WECHAT, QrDecoder.decode(half(PngFile.read(png), 0)));
        assertEquals(ALIPAY, QrDecoder.decode(half(PngFile.read(png), 1)));
    }

    @Test
    void aSmallPanelSaysTheCodesTakeTurns() throws Exception {
        Path png = dir.resolve("small.png");
        assertEquals(0, run("qr", "--png", png.toString(), "--wallet", "alipay=" + ALIPAY, "--wallet", "wechat=" + WECHAT,
                "--screen", "240x240"), err.toString());
        assertTrue(out.toString().contains("2 codes taking turns every 5 s (the panel is too small for all at once) at 3 px per module"),
                out.toString());
        assertEquals(ALIPAY, QrDecoder.decode(PngFile.read(png)), "a fresh 90 s countdown opens with the first wallet's turn");
    }

    @Test
    void oneCodeAloneOrOnAScreenWorksAsBefore() throws Exception {
        Path code = dir.resolve("code.png");
        assertEquals(0, run("qr", ALIPAY, "--png", code.toString()), err.toString());
        assertEquals(ALIPAY, QrDecoder.decode(PngFile.read(code)));
        assertTrue(out.toString().contains("360x360 px, 33 modules at 8 px each"), out.toString());
        Path screen = dir.resolve("screen.png");
        assertEquals(0, run("qr", ALIPAY, "--png", screen.toString(), "--screen", "320x480"), err.toString());
        assertEquals(ALIPAY, QrDecoder.decode(PngFile.read(screen)));
        assertTrue(out.toString().contains("the 320x480 px payment screen, one code"), out.toString());
    }

    @Test
    void usageErrorsSayWhatIsWrongAndExit2() {
        String png = dir.resolve("x.png").toString();
        String[][] cases = {
            {"give the code's TEXT, or --wallet WALLET=TEXT for each wallet", "qr", "--png", png},
            {"give either TEXT or --wallet, not both", "qr", ALIPAY, "--wallet", "wechat=" + WECHAT, "--png", png, "--screen", "480x320"},
            {"--wallet labels a code on the payment screen: give --screen WxH too, e.g. --screen 480x320",
                "qr", "--wallet", "alipay=" + ALIPAY, "--png", png},
            {"Invalid value for option '--wallet' (WALLET=TEXT): 'alipay' is not WALLET=TEXT, e.g. alipay=https://qr.alipay.com/...",
                "qr", "--wallet", "alipay", "--png", png, "--screen", "480x320"},
            {"Invalid value for option '--wallet' (WALLET=TEXT): 'alipay=' is not WALLET=TEXT", "qr", "--wallet", "alipay=", "--png", png},
            {"Invalid value for option '--wallet' (WALLET=TEXT): 'paypal' is not a wallet (alipay, wechat)",
                "qr", "--wallet", "paypal=x", "--png", png, "--screen", "480x320"},
            {"--wallet Alipay is given twice",
                "qr", "--wallet", "alipay=" + ALIPAY, "--wallet", "alipay=x", "--png", png, "--screen", "480x320"},
            {"Invalid value for option '--screen': '480' is not WIDTHxHEIGHT in pixels, e.g. 480x320",
                "qr", ALIPAY, "--png", png, "--screen", "480"},
            {"Invalid value for option '--screen': '480x320x2' is not WIDTHxHEIGHT", "qr", ALIPAY, "--png", png, "--screen", "480x320x2"},
            {"Invalid value for option '--screen': '-480x320' is not WIDTHxHEIGHT", "qr", ALIPAY, "--png", png, "--screen", "-480x320"},
            {"Invalid value for option '--screen': '9000x320' is larger than 8192x8192", "qr", ALIPAY, "--png", png, "--screen", "9000x320"},
            {"--screen 200x320: display 200x320 is smaller than 240x240", "qr", ALIPAY, "--png", png, "--screen", "200x320"},
            {"--size is for a code alone; with --screen the panel's size sets the code's",
                "qr", ALIPAY, "--png", png, "--screen", "480x320", "--size", "300"},
            {"--product and --price are shown on the payment screen: give --screen WxH too", "qr", ALIPAY, "--png", png, "--price", "3.50"},
            {"--wallet WeChat Pay: text of 3000 characters does not fit in a QR code",
                "qr", "--wallet", "wechat=" + "x".repeat(3000), "--png", png, "--screen", "480x320"},
            {"Missing required option: '--png=FILE'", "qr", "--wallet", "alipay=" + ALIPAY, "--screen", "480x320"},
        };
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertEquals(2, run(args), String.join(" ", args));
            assertTrue(err.toString().startsWith(c[0]), "for " + String.join(" ", args) + ": " + err);
        }
        assertFalse(Files.exists(Path.of(png)), "no usage error writes a file");
    }

    @Test
    void hwShowQrDrawsEveryWalletsCodeOnTheConfiguredDisplay() throws Exception {
        Path png = dir.resolve("screen.png");
        Path conf = dir.resolve("qrvend.conf");
        Files.writeString(conf, "journal.path=" + dir.resolve("journal.db") + "\nrelay.type=lcus\nrelay.port=/dev/null\n"
                + "display.type=png\ndisplay.png.path=" + png + "\ndisplay.width=800\ndisplay.height=480\n");
        assertEquals(0, run("hw", "show-qr", "--wallet", "alipay=" + ALIPAY, "--wallet", "wechat=" + WECHAT, "--config",
                conf.toString()), err.toString());
        assertEquals(Set.of(ALIPAY, WECHAT), QrDecoder.decodeAll(PngFile.read(png)));
        assertTrue(out.toString().contains("2 codes side by side at 7 px per module"), out.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("hw", "show-qr", "--config", conf.toString()));
        assertTrue(err.toString().startsWith("give the code's TEXT, or --wallet WALLET=TEXT for each wallet"), err.toString());
    }

    /** The left ({@code 0}) or right ({@code 1}) half of a frame. */
    private static Raster half(Raster frame, int which) {
        int w = frame.width() / 2;
        Raster part = new Raster(w, frame.height());
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < w; x++) {
                part.fillRect(x, y, 1, 1, frame.get(which * w + x, y));
            }
        }
        return part;
    }
}
