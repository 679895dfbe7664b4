package io.qrvend.sim.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.drivers.serial.SerialLink;
import io.qrvend.drivers.serial.SerialPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's pseudo-terminal, with the terminal's own serial code (jSerialComm) on the other end. */
class PtyTest {
    /** Generous: only there so that a broken wake-up fails the test instead of hanging the build. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void everyByteValuePassesUnchangedBothWays() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i; // CR, LF, ^C, ^D, ^S, ^Q, DEL: what a cooked line would eat or translate
        }
        try (Pty pty = Pty.open(dir.resolve("ttyUSB0")); SerialLink terminal = SerialPorts.open(pty.terminalEnd().toString(), 9600)) {
            assertEquals(pty.slave(), Files.readSymbolicLink(pty.terminalEnd()));
            terminal.write(all);
            assertArrayEquals(all, pty.deviceEnd().read(all.length, HANG_GUARD));
            pty.deviceEnd().write(all);
            assertArrayEquals(all, terminal.read(all.length, HANG_GUARD));
            assertEquals(0, pty.deviceEnd().read(4, Duration.ofMillis(50)).length, "no echo of what the device wrote");
        }
    }

    @Test
    void aReadEndsWithWhatCameWhenTheTimeoutPasses() throws Exception {
        try (Pty pty = Pty.open(dir.resolve("ttyUSB0")); SerialLink terminal = SerialPorts.open(pty.terminalEnd().toString(), 9600)) {
            terminal.write(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, pty.deviceEnd().read(8, Duration.ofMillis(200)));
            terminal.write(new byte[] {9, 9});
            pty.deviceEnd().discardInput();
            assertEquals(0, pty.deviceEnd().read(1, Duration.ZERO).length);
        }
    }

    @Test
    void closingEndsAWriteThatWaitsForRoomOnAFullLine() throws Exception {
        Pty pty = Pty.open(dir.resolve("ttyUSB0"));
        byte[] lots = new byte[1 << 20]; // far more than a pty line holds, and nobody reads the terminal end
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                pty.deviceEnd().write(lots);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTimeoutPreemptively(HANG_GUARD, pty::close, "close is not held back by the writer");
        Exception ended = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> writing.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS));
        assertTrue(ended.getCause().getMessage().contains("is closed"), ended.getCause().getMessage());
    }

    @Test
    void closingWakesAReaderAndReleasesEveryDescriptorAndTheLink() throws Exception {
        Pty.open(dir.resolve("warm-up")).close(); // loads libc once, so what is counted below is the pty's alone
        Set<String> before = openDescriptors();
        Pty pty = Pty.open(dir.resolve("ttyUSB0"));
        Set<String> ptys = new HashSet<>(openDescriptors());
        ptys.removeAll(before);
        assertFalse(ptys.isEmpty());
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                pty.deviceEnd().read(1, Duration.ofHours(1));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        pty.close();
        Throwable ended = reader.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        assertTrue(ended instanceof IOException && ended.getMessage().endsWith("is closed"), String.valueOf(ended));
        Set<String> left = new HashSet<>(ptys);
        left.retainAll(openDescriptors());
        assertEquals(Set.of(), left, "every descriptor the pty opened is closed");
        assertFalse(Files.exists(dir.resolve("ttyUSB0"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertThrows(IOException.class, () -> pty.deviceEnd().write(new byte[] {1}));
        pty.close(); // twice is harmless: no descriptor number is closed again (it may belong to someone else by now)
    }

    @Test
    void aStaleLinkIsReplaced() throws Exception {
        Path port = dir.resolve("ttyUSB0");
        Files.writeString(port, "left over from an earlier run");
        try (Pty pty = Pty.open(port)) {
            assertTrue(Files.isSymbolicLink(port));
            assertEquals(pty.slave(), Files.readSymbolicLink(port));
        }
    }

    /**
     * The process's open descriptors, each with what it refers to ("7 -> /dev/pts/3"). Compared as
     * sets, not counted: other tests' HTTP clients may close theirs at any moment, when collected.
     */
    static Set<String> openDescriptors() throws IOException {
        Set<String> open = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (!target.startsWith("/proc")) { // the listing's own descriptor, a new one each time
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException closedMeanwhile) {
                    // closed since the listing
                }
            }
        }
        return open;
    }
}
