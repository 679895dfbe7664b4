package io.qrvend.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class QrvendCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void versionComesFromTheBuild() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("qrvend 0."), out.toString());
        assertTrue(!out.toString().contains("${"), "the version was filtered in: " + out);
    }

    @Test
    void helpDescribesTheCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: qrvend"), out.toString());
    }

    @Test
    void typoGetsUsageAndExitCode2() {
        assertEquals(2, run("--verison"));
        assertTrue(err.toString().contains("Unknown option: '--verison'"), err.toString());
        assertTrue(err.toString().contains("Usage: qrvend"), err.toString());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("a command is required"), err.toString());
    }
}
