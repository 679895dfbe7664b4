package io.qrvend.sim.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of the daemon as a child process, its output followed line by line. The output goes to a
 * file that is followed, not to a pipe: when a process exits, the JDK closes its pipe under a
 * reading thread and the last lines (the clean stop) are lost.
 */
final class DaemonProcess {
    private final Process process;
    private final Thread pump;

    private DaemonProcess(Process process, Path log, Consumer<String> lines) {
        this.process = process;
        this.pump = new Thread(() -> follow(log, lines), "daemon-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command} with {@code environment} added, appending its output to {@code log} and passing each line on. */
    static DaemonProcess start(List<String> command, Map<String, String> environment, Path log, Consumer<String> lines)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new DaemonProcess(builder.start(), log, lines);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
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

    /** Passes each line of {@code log} on as it is written, until the process has exited and all is read. */
    private void follow(Path log, Consumer<String> lines) {
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            while (true) {
                boolean exited = !process.isAlive();
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                }
                if (exited) {
                    return;
                }
                Thread.sleep(50); // a file has no "line written" event to wait on
            }
        } catch (IOException e) {
            lines.accept("(cannot read " + log + ": " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
