package io.qrvend.terminal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code qrvend}: the payment terminal's daemon and the technician's tool. Exit codes: 0 success,
 * 1 failure, 2 usage error.
 */
@Command(name = "qrvend", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Dynamic-QR payment terminal for vending machines.",
        subcommands = {CommandLine.HelpCommand.class})
public final class QrvendCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: say what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new QrvendCommand()).setParameterExceptionHandler(QrvendCommand::usageError);
    }

    /** A typo gets the error, picocli's suggestions and the usage of the command it was meant for. */
    public static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        cl.usage(err);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
