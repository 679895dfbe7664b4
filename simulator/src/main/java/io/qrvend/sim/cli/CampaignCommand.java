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
    @Option(names = "--seeds", paramLabel = "A..B", description = "Seeds to run (default ${DEFAULT-VALUE}).", defaultValue = "1..10",
            converter = SeedRange.Converter.class)
    SeedRange seeds;
    @Option(names = "--seed", paramLabel = "S", description = "Run this one seed (replay).")
    Long seed;
    @Option(names = "--sales", paramLabel = "N", defaultValue = "1000", description = "Sales per seed (default ${DEFAULT-VALUE}).")
    int sales;
    @Option(names = "--faults", paramLabel = "LIST|all", defaultValue = "all", description = "Faults to inject: all, none, or e.g. timeout,jam,crash.",
            converter = Faults.Converter.class)
    Faults faults;
    @Option(names = "--trace", description = "Print every transition, customer action and fault.")
    boolean trace;
    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        long first = seed != null ? seed : seeds.first();
        long last = seed != null ? seed : seeds.last();
        if (sales < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sales must be 1 or more");
        }
        Campaign.Options options = new Campaign.Options(first, last, sales, faults.kinds(), trace, Campaign.PlantedBug.NONE);
        Campaign.Summary summary = Campaign.run(options, System.out);
        System.out.println(json ? Campaign.json(options, summary) : Campaign.line(options, summary));
        return summary.safe() ? 0 : 1;
    }

    /** Seeds {@code A..B} (or one seed {@code A}), first to last inclusive. */
    record SeedRange(long first, long last) {
        static final class Converter implements CommandLine.ITypeConverter<SeedRange> {
            @Override
            public SeedRange convert(String text) {
                String[] range = text.split("\\.\\.", -1);
                try {
                    long first = Long.parseLong(range[0]);
                    long last = range.length == 2 ? Long.parseLong(range[1]) : first;
                    if (range.length <= 2 && first <= last) {
                        return new SeedRange(first, last);
                    }
                } catch (NumberFormatException e) {
                    // said below
                }
                throw new CommandLine.TypeConversionException("'" + text + "' must look like 1..100 (first..last) or 7");
            }
        }
    }

    /** The fault kinds {@code all}, {@code none} or a list names. */
    record Faults(Set<FaultKind> kinds) {
        static final class Converter implements CommandLine.ITypeConverter<Faults> {
            @Override
            public Faults convert(String text) {
                try {
                    return new Faults(FaultKind.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException(e.getMessage());
                }
            }
        }
    }
}
