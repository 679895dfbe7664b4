package io.qrvend.terminal.cli;

import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.Daemon;
import io.qrvend.terminal.daemon.DaemonSettings;
import io.qrvend.terminal.daemon.Machine;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code qrvend run}: the daemon, as systemd starts it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the payment terminal (the service systemd starts). Stops cleanly on SIGTERM.")
public final class RunCommand implements Callable<Integer> {
    /** How long a stop waits for the sale in progress (inside systemd's TimeoutStopSec). */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    @Mixin
    ConfigMixin config;

    @Override
    public Integer call() throws Exception {
        TerminalConfig cfg = config.load();
        return runUntilStopped(cfg, DaemonSettings.from(cfg), Machine::hardware);
    }

    /** Starts the daemon and blocks until a SIGTERM (or SIGINT) has stopped it. */
    public static int runUntilStopped(TerminalConfig cfg, DaemonSettings settings, Machine.Factory machines) throws Exception {
        Daemon daemon = Daemon.start(cfg, settings, machines, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> daemon.stop(STOP_GRACE), "qrvend-stop"));
        daemon.awaitStopped();
        return 0;
    }
}
