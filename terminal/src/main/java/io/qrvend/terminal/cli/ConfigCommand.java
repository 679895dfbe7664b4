package io.qrvend.terminal.cli;

import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.DaemonSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvend config check FILE}: everything {@code qrvend run} checks before it opens anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a configuration file.",
        subcommands = {ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a config command is required (check)");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check FILE as 'qrvend run' would: every key, the key files and their modes.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "Configuration file.")
        Path file;

        @Override
        public Integer call() {
            TerminalConfig cfg = TerminalConfig.load(file);
            DaemonSettings settings = DaemonSettings.from(cfg);
            StringBuilder gateways = new StringBuilder();
            if (settings.alipay() != null) {
                gateways.append(", gateway ").append(settings.alipay().gateway()).append(settings.alipay().testBackend() ? ", TEST BACKEND" : "");
            }
            if (settings.wechat() != null) {
                gateways.append(", WeChat Pay gateway ").append(settings.wechat().gateway())
                        .append(settings.wechat().testBackend() ? ", TEST BACKEND" : "");
            }
            spec.commandLine().getOut().println(file + ": OK (terminal " + settings.terminalId() + gateways + ")");
            return 0;
        }
    }
}
