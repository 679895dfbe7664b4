package io.qrvend.sim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a child's output file: whole lines, as they are written, the last one after the exit. */
class DaemonProcessTest {
    /** Only so that a missed wake-up fails instead of hanging the build. */
    private static final long HANG_GUARD_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void linesArePassedOnWholeAsWrittenAndTheLastAfterTheExit() throws Exception {
        Path log = dir.resolve("daemon.log");
        Files.writeString(log, "an earlier run\n");
        Path gate = dir.resolve("gate");
        assertEquals(0, new ProcessBuilder("mkfifo", gate.toString()).start().waitFor());
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch first = new CountDownLatch(1);
        // Writes a line and half of the next, then waits for the test before finishing it and a last
        // line without a newline.
        DaemonProcess child = DaemonProcess.start(List.of("sh", "-c", "printf 'one\\ntw'; read x < \"$GATE\"; printf 'o\\nthree'; exit 3"),
                Map.of("GATE", gate.toString()), log, line -> {
                    lines.add(line);
                    first.countDown();
                });
        assertTrue(first.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS), "the first line came while the child was still running");
        assertTrue(child.isAlive());
        assertEquals(List.of("one"), lines, "half a line is held back");
        Files.writeString(gate, "go\n");
        child.onExit().get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        assertEquals(3, child.exitValue());
        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals("an earlier run\none\ntwo\nthree", Files.readString(log), "the file keeps every run");
    }
}
