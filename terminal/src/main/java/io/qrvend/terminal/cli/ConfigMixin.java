package io.qrvend.terminal.cli;

import io.qrvend.terminal.config.TerminalConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command that reads the configuration takes. */
public final class ConfigMixin {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/qrvend/qrvend.conf",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    public TerminalConfig load() {
        return TerminalConfig.load(file);
    }
}
