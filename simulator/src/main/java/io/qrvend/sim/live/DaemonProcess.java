package io.qrvend.sim.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of the daemon as a child process, its output followed line by line. The output goes to a
 * file that is followed, not to a pipe: when a process exits, the JDK closes its pipe under a
 * reading thread and the last lines (the clean stop) are lost. The file is read again each time the
 * kernel reports a change in its directory (inotify, through a {@link WatchService}) and once more
 * after the process exited, never on a timer.
 */
final class DaemonProcess {
    private final Process process;
    private final Thread pump;

    private DaemonProcess(Process process, Path log, long from, Consumer<String> lines) {
        this.process = process;
        this.pump = new Thread(() -> follow(log, from, lines), "daemon-output");
        pump.setDaemon(true);
    }

    /** Starts {@code command} with {@code environment} added, appending its output to {@code log} and passing each line on. */
    static DaemonProcess start(List<String> command, Map<String, String> environment, Path log, Consumer<String> lines)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long from = Files.exists(log) ? Files.size(log) : 0; // an earlier run's lines were passed on by its own follower
        DaemonProcess daemon = new DaemonProcess(builder.start(), log, from, lines);
        daemon.pump.start();
        return daemon;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Completes when the process has exited (not necessarily with its last lines passed on yet). */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit status of a process that has exited, once its last lines are passed on. */
    int exitValue() throws InterruptedException {
        pump.join(2000);
        return process.exitValue();
    }

    /** SIGTERM, as systemd stops it (SIGKILL after 90 s); returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return exitValue();
    }

    /** SIGKILL: a power cut, as far as the daemon can tell. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        pump.join(2000);
    }

    /** Passes each line of {@code log} after byte {@code from} on as it is written, until the process has exited and all is read. */
    private void follow(Path log, long from, Consumer<String> lines) {
        Lines splitter = new Lines(lines);
        try (WatchService changes = log.getFileSystem().newWatchService(); InputStream in = Files.newInputStream(log)) {
            log.toAbsolutePath().getParent().register(changes, StandardWatchEventKinds.ENTRY_MODIFY);
            in.skipNBytes(from);
            process.onExit().thenRun(() -> closeQuietly(changes)); // wakes the wait below for a last read
            byte[] buffer = new byte[8192];
            while (true) {
                boolean exited = !process.isAlive();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    splitter.add(buffer, n);
                }
                if (exited) {
                    splitter.end();
                    return;
                }
                try {
                    WatchKey key = changes.take(); // any file of the directory: the log, or the journal beside it
                    key.pollEvents();
                    key.reset();
                } catch (ClosedWatchServiceException e) {
                    // the process exited: read what is left
                }
            }
        } catch (IOException e) {
            lines.accept("(cannot read " + log + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(WatchService changes) {
        try {
            changes.close();
        } catch (IOException e) {
            // nothing to release that close did not release
        }
    }

    /** Whole lines out of bytes as they come (a read may end in the middle of a line, or of a character). */
    private static final class Lines {
        private final Consumer<String> out;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        Lines(Consumer<String> out) {
            this.out = out;
        }

        void add(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    out.accept(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                } else {
                    partial.write(bytes[i]);
                }
            }
        }

        /** The last line, if the process ended without a newline. */
        void end() {
            if (partial.size() > 0) {
                out.accept(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
        }
    }
}
