package io.qrvend.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.SimCommand;
import io.qrvend.sim.campaign.FaultKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** qrvend-sim's typed options: a bad value is a usage error naming the option, refused before anything runs. */
class SimOptionsTest {
    private final StringWriter err = new StringWriter();

    private String refused(String... args) {
        err.getBuffer().setLength(0);
        CommandLine cl = SimCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute(args), err.toString());
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void badValuesNameTheirOption() {
        assertEquals("Invalid value for option '--seeds': '5..1' must look like 1..100 (first..last) or 7", refused("campaign", "--seeds", "5..1"));
        assertEquals("Invalid value for option '--seeds': '5..' must look like 1..100 (first..last) or 7", refused("campaign", "--seeds", "5.."));
        assertTrue(refused("campaign", "--faults", "timeout,gremlins").startsWith("Invalid value for option '--faults': "), err.toString());
        assertEquals("Invalid value for option '--drop-delay': '1s500ms' is not a duration; write it like 500ms, 90s, 5m or 2h",
                refused("machine", "--drop-delay", "1s500ms"));
        assertEquals("Invalid value for option '--latency': 'fast' is not a duration; write it like 500ms, 90s, 5m or 2h",
                refused("backend", "--app-id", "1", "--keys", "/nonexistent", "--latency", "fast"));
    }

    @Test
    void seedRangesAndFaultListsConvert() {
        assertEquals(new CampaignCommand.SeedRange(3, 9), new CampaignCommand.SeedRange.Converter().convert("3..9"));
        assertEquals(new CampaignCommand.SeedRange(7, 7), new CampaignCommand.SeedRange.Converter().convert("7"));
        assertEquals(FaultKind.parse("all"), new CampaignCommand.Faults.Converter().convert("all").kinds());
    }

    /** As in qrvend: a Duration or LocalDate option without its converter would take ISO forms (PT5S). */
    @Test
    void everyDurationAndDateOptionNamesItsConverter() {
        List<String> missing = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        walk(SimCommand.commandLine(), missing, checked);
        assertEquals(List.of(), missing);
        assertTrue(checked.containsAll(List.of("qrvend-sim machine --drop-delay", "qrvend-sim backend --latency", "qrvend-sim backend --hold")),
                checked.toString());
    }

    private static void walk(CommandLine cl, List<String> missing, List<String> checked) {
        for (OptionSpec option : cl.getCommandSpec().options()) {
            if (option.type() == Duration.class || option.type() == LocalDate.class) {
                String name = cl.getCommandSpec().qualifiedName() + " " + option.longestName();
                checked.add(name);
                if (option.converters().length == 0) {
                    missing.add(name);
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, missing, checked));
    }
}
