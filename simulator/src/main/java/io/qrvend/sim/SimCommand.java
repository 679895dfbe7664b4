package io.qrvend.sim;

import io.qrvend.sim.cli.BackendCommand;
import io.qrvend.sim.cli.BenchCommand;
import io.qrvend.sim.cli.CampaignCommand;
import io.qrvend.sim.cli.CrashTestCommand;
import io.qrvend.sim.cli.CustomerCommand;
import io.qrvend.sim.cli.KeysCommand;
import io.qrvend.sim.cli.MachineCommand;
import io.qrvend.sim.demo.Demo;
import io.qrvend.terminal.cli.QrvendCommand;
import io.qrvend.terminal.cli.VersionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qrvend-sim}: what a CI machine lacks, in software. */
@Command(name = "qrvend-sim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Simulated payment backend and vending machine for qrvend.",
        subcommands = {SimCommand.DemoCommand.class, MachineCommand.class, CampaignCommand.class, CrashTestCommand.class, BenchCommand.class, KeysCommand.class, BackendCommand.class, CustomerCommand.Scan.class,
            CustomerCommand.Pay.class, CustomerCommand.Trades.class, CommandLine.HelpCommand.class})
public final class SimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Five customers at a simulated machine offering Alipay and WeChat Pay, run by the real daemon: "
                    + "a WeChat Pay vend, an Alipay vend, a refund after a jam, both codes paid and one refunded, a cancelled order.")
    static final class DemoCommand implements Callable<Integer> {
        @Option(names = "--dir", paramLabel = "DIR",
                description = "Directory for the journal, keys, configuration and logs (default: a new temporary one).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("qrvend-demo");
            if (Files.exists(where.resolve("journal.db"))) {
                System.err.println("qrvend-sim demo: " + where + " already holds a journal; give a new directory");
                return 1;
            }
            return new Demo(System.out).run(where) ? 0 : 1;
        }
    }

    public static CommandLine commandLine() {
        return QrvendCommand.withHandlers(new CommandLine(new SimCommand()));
    }

    public static void main(String[] args) {
        QrvendCommand.configureLogging(args.length > 0 && args[0].equals("machine"));
        if (args.length > 0 && args[0].equals("campaign") && System.getProperty("org.slf4j.simpleLogger.log.io.qrvend") == null) {
            // Campaigns halt engines on purpose (simulated power cuts) thousands of times; the summary
            // and --trace say what happened.
            System.setProperty("org.slf4j.simpleLogger.log.io.qrvend", "off");
            System.setProperty("org.slf4j.simpleLogger.log.qrvend.security", "off");
        }
        System.exit(commandLine().execute(args));
    }
}
