package io.qrvend.sim.bench;

import io.qrvend.drivers.display.Framebuffer;
import io.qrvend.drivers.display.FramebufferGeometry;
import io.qrvend.drivers.display.Raster;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.display.ScreenPainter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The payment screen: encoding the QR, painting the screen and writing it into a framebuffer file
 * of the panel's format, as the daemon does for each sale; once with the Alipay code alone and once
 * with an Alipay and a WeChat Pay code side by side (two codes to encode, the layout to fit). It runs
 * in a JVM of its own with the unit's options ({@link #inDaemonJvm}), so the JIT is the daemon's, not
 * the benchmark's.
 */
final class QrScreenBench {
    record Panel(String name, int width, int height, int bitsPerPixel) {
    }

    record Result(String panel, Figures drawMs) {
    }

    static final List<Panel> PANELS = List.of(new Panel("480x320 RGB565", 480, 320, 16), new Panel("800x480 XRGB8888", 800, 480, 32));

    private final Path dir;

    QrScreenBench(Path dir) {
        this.dir = dir;
    }

    /** Runs the measurement in a child JVM started with the systemd unit's options. */
    static List<Result> inDaemonJvm(Path dir, int draws) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(StartupBench.UNIT_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), QrScreenBench.class.getName(), dir.toString(),
                String.valueOf(draws)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("the QR screen benchmark exited with " + p.exitValue());
        }
        ObjectMapper json = new ObjectMapper();
        return json.readValue(out, json.getTypeFactory().constructCollectionType(List.class, Result.class));
    }

    public static void main(String[] args) throws IOException {
        new ObjectMapper().writeValue(System.out, new QrScreenBench(Path.of(args[0])).run(Integer.parseInt(args[1])));
    }

    List<Result> run(int draws) throws IOException {
        Files.createDirectories(dir);
        List<Result> results = new ArrayList<>();
        for (Panel panel : PANELS) {
            results.add(run(panel, draws, false));
        }
        for (Panel panel : PANELS) {
            results.add(run(panel, draws, true));
        }
        return results;
    }

    private Result run(Panel panel, int draws, boolean twoCodes) throws IOException {
        FramebufferGeometry geometry = FramebufferGeometry.packed(panel.width(), panel.height(), panel.bitsPerPixel());
        Path device = dir.resolve("fb-" + panel.width() + "x" + panel.height());
        Files.write(device, new byte[geometry.stride() * panel.height()]);
        try {
            Framebuffer framebuffer = new Framebuffer(device, geometry);
            ScreenPainter painter = new ScreenPainter(panel.width(), panel.height()); // one per display, as in the daemon
            List<Double> times = new ArrayList<>();
            Instant now = Instant.parse("2026-11-23T10:00:00Z");
            for (int i = 0; i < draws + 100; i++) {
                // Every sale has its own order numbers, so every QR is encoded afresh.
                String order = "BENCH_261123_" + String.format("%08d", i);
                String alipay = "https://qr.alipay.com/bax0" + Long.toHexString(0x5eed0000L + i) + "x" + order;
                List<Screen.WalletCode> codes = twoCodes
                        ? List.of(new Screen.WalletCode("Alipay", alipay),
                                new Screen.WalletCode("WeChat Pay", "weixin://wxpay/bizpayurl?pr=" + Long.toString(0x5eed0000L + i, 36)))
                        : List.of(new Screen.WalletCode("", alipay));
                Screen screen = new Screen.PaymentQr(order, "Cola", 350, codes, now.plusSeconds(90));
                long start = System.nanoTime();
                Raster frame = painter.paint(screen, now);
                framebuffer.draw(frame);
                double ms = (System.nanoTime() - start) / 1e6;
                if (i >= 100) {
                    times.add(ms);
                }
            }
            return new Result(panel.name() + (twoCodes ? ", Alipay and WeChat Pay" : ""), Figures.of(times));
        } finally {
            Files.deleteIfExists(device);
        }
    }
}
