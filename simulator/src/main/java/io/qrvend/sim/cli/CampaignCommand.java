package io.qrvend.sim.cli;

import io.qrvend.sim.campaign.Campaign;
import io.qrvend.sim.campaign.FaultKind;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qrvend-sim campaign}: deterministic fault campaigns in virtual time. Exit 1 on any violation. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Run the real sale engine and journal against faulty backend and machine models, seed by seed, and check the invariants.")
public final class CampaignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--seeds", paramLabel = "A..B", description = "Seeds to run (default ${DEFAULT-VALUE}).", defaultValue = "1..10")
    String seeds;
    @Option(names = "--seed", paramLabel = "S", description = "Run this one seed (replay).")
    Long seed;
    @Option(names = "--sales", paramLabel = "N", defaultValue = "1000", description = "Sales per seed (default ${DEFAULT-VALUE}).")
    int sales;
    @Option(names = "--faults", paramLabel = "LIST|all", defaultValue = "all", description = "Faults to inject: all, none, or e.g. timeout,jam,crash.")
    String faults;
    @Option(names = "--trace", description = "Print every transition, customer action and fault.")
    boolean trace;
    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long first;
        long last;
        if (seed != null) {
            first = seed;
            last = seed;
        } else {
            String[] range = seeds.split("\\.\\.");
            try {
                first = Long.parseLong(range[0]);
                last = range.length == 2 ? Long.parseLong(range[1]) : first;
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must look like 1..100, not " + seeds);
            }
            if (last < first || range.length > 2) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seeds must look like 1..100, not " + seeds);
            }
        }
        if (sales < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sales must be 1 or more");
        }
        Set<FaultKind> kinds;
        try {
            kinds = FaultKind.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--faults: " + e.getMessage());
        }
        Campaign.Options options = new Campaign.Options(first, last, sales, kinds, trace, false);
        Campaign.Summary summary = Campaign.run(options, System.out);
        System.out.println(json ? Campaign.json(options, summary) : Campaign.line(options, summary));
        return summary.safe() ? 0 : 1;
    }
}
