package io.qrvend.sim.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.sim.posix.UnixDatagramSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in for systemd's notify socket, fed datagrams as sd_notify sends them. */
class NotifySocketTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void eachDatagramIsHeardWithEveryAssignmentInIt() throws Exception {
        try (NotifySocket systemd = NotifySocket.open(dir.resolve("notify.sock"))) {
            send(systemd, "READY=1\nSTATUS=selling");
            send(systemd, "WATCHDOG=1");
            long ready = systemd.await("READY=1", LIMIT);
            long watchdog = systemd.await("WATCHDOG=1", LIMIT);
            assertTrue(ready <= watchdog, "heard in the order sent");
            assertEquals(ready, systemd.await("STATUS=selling", LIMIT));
            assertEquals("READY=1\nSTATUS=selling\nWATCHDOG=1", systemd.heard());
        }
    }

    @Test
    void somethingNeverSaidIsAnErrorNamingWhatWasHeard() throws Exception {
        try (NotifySocket systemd = NotifySocket.open(dir.resolve("notify.sock"))) {
            send(systemd, "READY=1");
            IOException e = assertThrows(IOException.class, () -> systemd.await("STOPPING=1", Duration.ofMillis(200)));
            assertEquals("never heard STOPPING=1 on " + systemd.path() + "; heard: READY=1", e.getMessage());
            assertThrows(IOException.class, () -> systemd.await("READY", Duration.ZERO), "a whole assignment, not a prefix");
        }
    }

    @Test
    void aSenderThatExitedEndsTheWaitAtOnce() throws Exception {
        try (NotifySocket systemd = NotifySocket.open(dir.resolve("notify.sock"))) {
            Process quiet = new ProcessBuilder("true").start();
            IOException e = assertThrows(IOException.class, () -> systemd.await("READY=1", Duration.ofHours(1), quiet));
            assertTrue(e.getMessage().contains("(the sender exited with 0)"), e.getMessage());
        }
    }

    @Test
    void closingStopsTheReaderAndRemovesTheSocket() throws Exception {
        Path path = dir.resolve("notify.sock");
        NotifySocket systemd = NotifySocket.open(path);
        assertTrue(Files.exists(path));
        systemd.close(); // returns once its reader thread has ended
        assertFalse(Files.exists(path));
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("notify-socket")));
        IOException refused = assertThrows(IOException.class, () -> UnixDatagramSocket.send(path, new byte[] {1}));
        assertTrue(refused.getMessage().startsWith("cannot send to " + path + ": "), refused.getMessage());
    }

    private static void send(NotifySocket to, String message) throws IOException {
        UnixDatagramSocket.send(to.path(), message.getBytes(StandardCharsets.UTF_8));
    }
}
