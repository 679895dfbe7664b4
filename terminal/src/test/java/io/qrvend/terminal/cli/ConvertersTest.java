package io.qrvend.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Durations, amounts, days and flags on the command line: a bad one is a usage error naming the option. */
class ConvertersTest {
    private final StringWriter err = new StringWriter();

    /** Exit code; the values are refused while parsing, before any configuration is read. */
    private int run(String... args) {
        CommandLine cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private String firstLine() {
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void aBadValueNamesTheOptionAndWhatIsWrongThenTheUsage() {
        assertEquals(2, run("slot", "set", "A1", "--price", "free"));
        assertEquals("Invalid value for option '--price': 'free' is not an amount; write yuan like 3.50", firstLine());
        assertTrue(err.toString().contains("Usage: qrvend slot set"), err.toString());
    }

    @Test
    void eachKindOfValueSaysItsForm() {
        assertEquals(2, run("slot", "set", "A1", "--drop-window", "3"));
        assertEquals("Invalid value for option '--drop-window': '3' is not a duration; write it like 500ms, 90s, 5m or 2h", firstLine());
        err.getBuffer().setLength(0);
        assertEquals(2, run("slot", "set", "A1", "--sensor", "maybe"));
        assertEquals("Invalid value for option '--sensor': 'maybe' must be yes or no", firstLine());

        err.getBuffer().setLength(0);
        assertEquals(2, run("sales", "--since", "yesterday"));
        assertEquals("Invalid value for option '--since': 'yesterday' is not a date (YYYY-MM-DD)", firstLine());
        err.getBuffer().setLength(0);
        assertEquals(2, run("hw", "inputs", "--for", "PT5S"));
        assertEquals("Invalid value for option '--for': 'PT5S' is not a duration; write it like 500ms, 90s, 5m or 2h", firstLine());
        err.getBuffer().setLength(0);
        assertEquals(2, run("hw", "show-qr", "x", "--price", "1.234"));
        assertEquals("Invalid value for option '--price': '1.234' has more than two decimals", firstLine());
    }

    @Test
    void goodValuesConvert() throws Exception {
        assertEquals(Duration.ofSeconds(90), new Converters.Time().convert("90s"));
        assertEquals(350L, new Converters.Yuan().convert("3.50"));
        assertEquals(LocalDate.of(2026, 11, 22), new Converters.Day().convert("2026-11-22"));
    }

    /**
     * Without its converter a Duration or LocalDate option would take picocli's ISO forms (PT5S)
     * instead of the operator's (5s): every such option in the tree must name one.
     */
    @Test
    void everyDurationAndDateOptionNamesItsConverter() {
        List<String> missing = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        walk(QrvendCommand.commandLine(), missing, checked);
        assertEquals(List.of(), missing);
        assertTrue(checked.containsAll(List.of("qrvend slot set --drop-window", "qrvend sales --since", "qrvend report --day",
                "qrvend hw inputs --for")), checked.toString());
    }

    static void walk(CommandLine cl, List<String> missing, List<String> checked) {
        for (OptionSpec option : cl.getCommandSpec().options()) {
            Class<?> type = option.type();
            if (type == Duration.class || type == LocalDate.class) {
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
