package io.qrvend.terminal.cli;

import io.qrvend.drivers.display.FrameSink;
import io.qrvend.drivers.gpio.Gpio;
import io.qrvend.drivers.gpio.GpioException;
import io.qrvend.drivers.input.InputLine;
import io.qrvend.drivers.relay.Pause;
import io.qrvend.drivers.relay.RelayBoard;
import io.qrvend.drivers.relay.RelayException;
import io.qrvend.terminal.config.DurationText;
import io.qrvend.terminal.config.HardwareConfig;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.display.AnsiDisplay;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.display.ScreenPainter;
import io.qrvend.terminal.hardware.Hardware;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvend hw}: a technician checks the relays, the input lines and the display, one at a time. */
@Command(name = "hw", mixinStandardHelpOptions = true, description = "Check the hardware: relays, input lines, display.",
        subcommands = {HwCommand.Relay.class, HwCommand.Inputs.class, HwCommand.ShowQr.class})
public final class HwCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a hardware command is required");
    }

    @Command(name = "relay", mixinStandardHelpOptions = true,
            description = "Pulse one relay channel; journaled as a test vend, not a sale.")
    static final class Relay implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @CommandLine.Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "CHANNEL", description = "Relay channel, from 1.")
        int channel;
        @Option(names = "--ms", paramLabel = "N", defaultValue = "500", description = "Pulse length in milliseconds (default: ${DEFAULT-VALUE}).")
        int millis;

        @Override
        public Integer call() throws Exception {
            if (millis < 1 || millis > 60_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--ms must be between 1 and 60000, was " + millis);
            }
            TerminalConfig cfg = config.load();
            Duration pulse = Duration.ofMillis(millis);
            try (Journal journal = Journal.open(cfg.journalPath(), Durability.FULL)) {
                String outcome = pulse(cfg.hardware(), pulse);
                journal.audit().recordTestVend(channel, pulse, outcome, Instant.now());
                if (!outcome.equals("ok")) {
                    throw new IllegalStateException(outcome);
                }
            }
            spec.commandLine().getOut().println("relay channel " + channel + " pulsed for " + millis + " ms (journaled as a test vend)");
            return 0;
        }

        private String pulse(HardwareConfig hardware, Duration pulse) {
            try (Gpio gpio = hardware.relay() instanceof HardwareConfig.GpioRelay ? Gpio.open(hardware.gpioProvider()) : null) {
                RelayBoard board = Hardware.openRelay(hardware, gpio, Pause.SLEEP);
                try {
                    board.pulse(channel, pulse);
                } finally {
                    board.close();
                }
                return "ok";
            } catch (RelayException | GpioException e) {
                return e.getMessage();
            }
        }
    }

    @Command(name = "inputs", mixinStandardHelpOptions = true, description = "Print input edges as they happen, until interrupted.")
    static final class Inputs implements java.util.concurrent.Callable<Integer> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        @Spec
        CommandSpec spec;
        @CommandLine.Mixin
        ConfigMixin config;
        @Option(names = "--for", paramLabel = "DURATION", converter = Converters.Time.class,
                description = "Stop after this long, e.g. 30s (default: until interrupted).")
        Duration limit;

        @Override
        public Integer call() throws Exception {
            TerminalConfig cfg = config.load();
            List<InputLine> lines = Hardware.inputLines(cfg.hardware().inputs());
            if (lines.isEmpty()) {
                throw new IllegalStateException(cfg.file() + " configures no input lines (input.drop.pin(s), input.buttons, input.cancel.pin, input.door.pin)");
            }
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "qrvend-hw-inputs-stop");
            try (Gpio gpio = Gpio.open(cfg.hardware().gpioProvider())) {
                Hardware.watchInputs(cfg.hardware(), gpio, edge -> {
                    synchronized (out) {
                        out.println(LocalTime.now(ZoneId.systemDefault()).format(TIME) + " " + edge.line() + " "
                                + (edge.active() ? "active" : "inactive"));
                        out.flush();
                    }
                });
                out.println("watching " + lines.stream().map(l -> l.name() + " (BCM " + l.bcm() + ")").collect(Collectors.joining(", "))
                        + (limit == null ? "; Ctrl-C to stop" : " for " + DurationText.format(limit)));
                out.flush();
                Runtime.getRuntime().addShutdownHook(hook);
                if (limit == null) {
                    stop.await();
                } else {
                    stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
                    // the JVM is already stopping, or the hook was never added
                }
            }
            return 0;
        }
    }

    @Command(name = "show-qr", mixinStandardHelpOptions = true,
            description = "Draw the payment screen for TEXT, or for one code per --wallet, on the configured display.")
    static final class ShowQr implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @CommandLine.Mixin
        ConfigMixin config;
        @CommandLine.Mixin
        PaymentScreenOptions payment;

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Screen.PaymentQr screen = payment.screen(spec.commandLine(), now);
            TerminalConfig cfg = config.load();
            FrameSink sink = Hardware.openFrameSink(cfg.hardware());
            if (sink != null) {
                ScreenPainter painter = new ScreenPainter(sink.width(), sink.height());
                sink.draw(painter.paint(screen, now));
                spec.commandLine().getOut().println("drew the payment screen on " + sink + ", "
                        + PaymentScreenOptions.howCodesFit(screen, painter));
            } else if (cfg.hardware().display() instanceof HardwareConfig.AnsiSetting) {
                new AnsiDisplay(System.out, () -> now, false).show(screen);
            } else {
                throw new IllegalStateException(cfg.file() + ": display.type is none; there is no display to draw on");
            }
            return 0;
        }
    }
}
