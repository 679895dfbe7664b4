package io.qrvend.terminal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.drivers.gpio.GpioProvider;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.DaemonSettings;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.alipay.AlipayGateway;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatPayGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvend doctor}: what a technician checks first, one line per check and a verdict. The
 * backend check is a real signed {@code alipay.trade.query} for an order that cannot exist; only an
 * answer whose signature verifies with the Alipay public key passes. With WeChat Pay configured, the
 * same for WeChat Pay, with the clock's distance from WeChat Pay's.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check configuration, key files, GPIO and serial access, display, backend and clock.")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigMixin config;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    enum Verdict { OK, WARN, FAIL }

    record Check(String name, Verdict verdict, String detail) {
    }

    @Override
    public Integer call() {
        List<Check> checks = new ArrayList<>();
        TerminalConfig cfg = null;
        DaemonSettings settings = null;
        try {
            cfg = config.load();
            checks.add(new Check("configuration", Verdict.OK, cfg.file()));
            settings = DaemonSettings.from(cfg);
            checks.add(new Check("key files", Verdict.OK, "private keys owned by this user and readable by it only, RSA keys of 2048 bits or more"));
        } catch (IllegalArgumentException e) {
            checks.add(new Check(cfg == null ? "configuration" : "configuration and key files", Verdict.FAIL, e.getMessage()));
        }
        if (cfg != null) {
            checks.add(journalDirectory(cfg));
            checks.addAll(hardware(cfg.hardware()));
        }
        if (settings != null && settings.alipay() != null) {
            checks.add(backend(settings));
        }
        if (settings != null && settings.wechat() != null) {
            checks.add(wechat(settings.wechat()));
        }
        checks.add(clock());
        return print(checks);
    }

    private static Check journalDirectory(TerminalConfig cfg) {
        Path dir = cfg.journalPath().toAbsolutePath().getParent();
        return Files.isDirectory(dir) && Files.isWritable(dir)
                ? new Check("journal", Verdict.OK, cfg.journalPath() + " (directory writable)")
                : new Check("journal", Verdict.FAIL, "directory " + dir + " is missing or not writable");
    }

    private static List<Check> hardware(HardwareConfig hw) {
        List<Check> checks = new ArrayList<>();
        if (hw.usesGpio()) {
            if (hw.gpioProvider() == GpioProvider.MOCK) {
                checks.add(new Check("gpio", Verdict.WARN, "gpio.provider=mock: pins are simulated, nothing is wired"));
            } else {
                checks.add(gpioChips());
            }
        }
        HardwareConfig.Relay relay = hw.relay();
        if (relay instanceof HardwareConfig.LcusRelay l) {
            checks.add(serial(l.port()));
        } else if (relay instanceof HardwareConfig.ModbusRelay m) {
            checks.add(serial(m.port()));
        }
        HardwareConfig.DisplaySetting display = hw.display();
        if (display instanceof HardwareConfig.FramebufferSetting fb) {
            boolean ok = Files.isWritable(fb.device());
            checks.add(new Check("display", ok ? Verdict.OK : Verdict.FAIL,
                    fb.device() + (ok ? " writable" : " is missing or not writable (group video?)")));
        } else if (display instanceof HardwareConfig.PngSetting png) {
            Path dir = png.path().toAbsolutePath().getParent();
            boolean ok = Files.isDirectory(dir) && Files.isWritable(dir);
            checks.add(new Check("display", ok ? Verdict.OK : Verdict.FAIL, png.path() + (ok ? " can be written" : ": directory not writable")));
        } else if (display instanceof HardwareConfig.NoSetting) {
            checks.add(new Check("display", Verdict.WARN, "display.type=none: customers see no QR code"));
        } else {
            checks.add(new Check("display", Verdict.OK, "ANSI terminal on standard output"));
        }
        return checks;
    }

    private static Check gpioChips() {
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            List<Path> chips = dev.filter(p -> p.getFileName().toString().startsWith("gpiochip")).toList();
            if (chips.isEmpty()) {
                return new Check("gpio", Verdict.FAIL, "no /dev/gpiochip* on this machine");
            }
            List<Path> usable = chips.stream().filter(p -> Files.isReadable(p) && Files.isWritable(p)).toList();
            return usable.isEmpty()
                    ? new Check("gpio", Verdict.FAIL, chips + " not readable and writable by this user (add it to group gpio)")
                    : new Check("gpio", Verdict.OK, usable + " accessible");
        } catch (IOException e) {
            return new Check("gpio", Verdict.FAIL, "cannot list /dev: " + e.getMessage());
        }
    }

    private static Check serial(String port) {
        Path path = Path.of(port);
        if (!Files.exists(path)) {
            return new Check("serial", Verdict.FAIL, port + " does not exist (board unplugged?)");
        }
        return Files.isReadable(path) && Files.isWritable(path)
                ? new Check("serial", Verdict.OK, port + " accessible")
                : new Check("serial", Verdict.FAIL, port + " not readable and writable by this user (add it to group dialout)");
    }

    private static Check backend(DaemonSettings settings) {
        AlipayGateway gateway = new AlipayGateway(settings.alipay(), Clock.systemUTC());
        String probe = "DOCTOR" + System.currentTimeMillis();
        QueryResult answer = gateway.query(probe);
        String where = settings.alipay().gateway() + (settings.alipay().testBackend() ? " (TEST BACKEND)" : "");
        if (answer instanceof QueryResult.NotFound) {
            return new Check("backend", settings.alipay().testBackend() ? Verdict.WARN : Verdict.OK,
                    where + ": signed query answered, signature verified");
        }
        if (answer instanceof QueryResult.Unknown u) {
            return new Check("backend", Verdict.FAIL, where + ": " + u.reason());
        }
        return new Check("backend", Verdict.FAIL, where + ": unexpected answer " + answer + " for an order that cannot exist");
    }

    /**
     * A signed query of an order that cannot exist: a verified {@code ORDER_NOT_EXIST} proves the
     * merchant key, its serial, the WeChat Pay public key and its ID all right (a wrong one gives
     * WeChat's signed 401 or an answer that does not verify). The answer's signing time shows how far
     * this machine's clock is from WeChat Pay's; at 5 minutes every answer would be refused.
     */
    static Check wechat(WechatConfig config) {
        WechatPayGateway gateway = new WechatPayGateway(config, Clock.systemUTC());
        WechatPayGateway.Probe probe = gateway.probe("DOCTOR" + System.currentTimeMillis());
        String where = config.gateway() + (config.testBackend() ? " (TEST BACKEND)" : "");
        if (!probe.verified()) {
            return new Check("wechat pay", Verdict.FAIL, where + ": " + probe.detail());
        }
        long skew = probe.clockSkew() == null ? 0 : probe.clockSkew().toSeconds();
        String clock = skew == 0 ? "; clock within a second of WeChat Pay's"
                : "; clock " + Math.abs(skew) + " s " + (skew > 0 ? "behind" : "ahead of") + " WeChat Pay's";
        if (Math.abs(skew) >= WECHAT_SKEW_WARNING.toSeconds()) {
            return new Check("wechat pay", Verdict.WARN, where + ": " + probe.detail() + clock + " (at 300 s every answer is refused;"
                    + " check NTP)");
        }
        return new Check("wechat pay", config.testBackend() ? Verdict.WARN : Verdict.OK, where + ": " + probe.detail() + clock);
    }

    /** A clock this far from WeChat Pay's is still believed, but not for long: a warning, well before the 5-minute limit. */
    static final Duration WECHAT_SKEW_WARNING = Duration.ofSeconds(30);

    /** systemd-timesyncd or chrony must have synchronised the clock: order times and signatures depend on it. */
    private static Check clock() {
        try {
            Process p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return new Check("clock", Verdict.WARN, "timedatectl could not tell: " + out);
            }
            return out.equals("yes") ? new Check("clock", Verdict.OK, "synchronised (NTP)")
                    : new Check("clock", Verdict.FAIL, "not synchronised; check systemd-timesyncd or chrony");
        } catch (IOException e) {
            return new Check("clock", Verdict.WARN, "timedatectl is not installed; cannot tell whether the clock is synchronised");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check("clock", Verdict.WARN, "interrupted");
        }
    }

    private int print(List<Check> checks) {
        boolean failed = checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object().put("verdict", failed ? "FAIL" : "OK");
            ArrayNode list = root.putArray("checks");
            checks.forEach(c -> list.addObject().put("check", c.name()).put("verdict", c.verdict().name()).put("detail", c.detail()));
            out.println(Json.of(root));
        } else {
            for (Check c : checks) {
                out.printf("%-4s %-12s %s%n", c.verdict(), c.name(), c.detail().replace("\n", "\n                  "));
            }
            out.println(failed ? "verdict: FAIL" : "verdict: OK");
        }
        return failed ? 1 : 0;
    }
}
