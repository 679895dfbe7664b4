package io.qrvend.sim.cli;

import io.qrvend.sim.live.CrashTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrvend-sim crash-test}: kill -9 the real daemon again and again under load; exit 1 on any violation. */
@Command(name = "crash-test", mixinStandardHelpOptions = true,
        description = "Kill the real daemon with SIGKILL at random moments while customers buy, restart it, then check the invariants.")
public final class CrashTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--kills", defaultValue = "50", description = "How many kills (default ${DEFAULT-VALUE}).")
    int kills;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill moments and customers (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--dir", description = "Directory for the journal, keys and logs (default: a new temporary one).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (kills < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kills must be 1 or more");
        }
        Path where = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("qrvend-crash-test");
        System.out.println("crash-test: " + kills + " kills, seed " + seed + ", in " + where);
        return new CrashTest(System.out, seed).run(where, kills) ? 0 : 1;
    }
}
