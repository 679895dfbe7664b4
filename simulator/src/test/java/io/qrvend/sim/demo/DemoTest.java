package io.qrvend.sim.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's three customers, as scripts/demo plays them: the real daemon process, driven by qrvend commands. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void threeCustomersEndAsToldAndTheMoneyChecksHold() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new Demo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(dir);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(ok, out);
        assertTrue(out.contains("ended VENDED") && out.contains("ended REFUNDED") && out.contains("ended CANCELLED"), out);
        assertTrue(out.contains("\u2580") || out.contains("\u2584"), "the QR was drawn in half blocks");
        assertTrue(out.contains("total      3      1        1         1      5.50      2.00      3.50"), out);
    }
}
