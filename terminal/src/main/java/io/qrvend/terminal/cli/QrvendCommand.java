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
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, DaemonCommands.Status.class, DaemonCommands.Sell.class,
                DaemonCommands.Cancel.class, CatalogCommands.Slots.class, CatalogCommands.SlotGroup.class, SalesCommands.Sales.class,
                SalesCommands.Report.class, ReconcileCommand.class, ConfigCommand.class, DoctorCommand.class, HwCommand.class, QrCommand.class})
public final class QrvendCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to do: say what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        return withHandlers(new CommandLine(new QrvendCommand()));
    }

    /** Usage errors exit 2 with the usage; failures exit 1 with one line naming what failed. */
    public static CommandLine withHandlers(CommandLine cl) {
        return cl.setParameterExceptionHandler(QrvendCommand::usageError).setExecutionExceptionHandler(QrvendCommand::failure);
    }

    /**
     * Bad input a technician can fix (a file, a value, a key) gets one line naming it; anything else
     * is a bug and gets the stack trace too.
     */
    static int failure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (!(e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException)) {
            e.printStackTrace(err);
        }
        return 1;
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
        configureLogging(args.length > 0 && args[0].equals("run"));
        System.exit(commandLine().execute(args));
    }

    /**
     * The daemon logs every event to stdout for journald (which adds the time); the technician's
     * commands only print warnings, to stderr, so their output stays clean. Set before the first
     * logger exists; a -D on the command line wins.
     */
    public static void configureLogging(boolean daemon) {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", daemon ? "info" : "warn");
        setDefault("org.slf4j.simpleLogger.logFile", daemon ? "System.out" : "System.err");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.log.com.pi4j", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
