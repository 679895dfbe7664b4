package io.qrvend.sim.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Two linked pseudo-terminals made by socat: the terminal opens one end as its serial port, a
 * simulated board listens on the other. Needs {@code socat} on the PATH ({@code apt-get install socat}).
 */
public final class SocatPair implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path terminalEnd;
    private final Path deviceEnd;

    private SocatPair(Process process, Path terminalEnd, Path deviceEnd) {
        this.process = process;
        this.terminalEnd = terminalEnd;
        this.deviceEnd = deviceEnd;
    }

    /** Starts socat with its two links in {@code dir}, named {@code name} and {@code name.device}. */
    public static SocatPair start(Path dir, String name) throws IOException {
        Path terminalEnd = dir.resolve(name);
        Path deviceEnd = dir.resolve(name + ".device");
        Process process;
        try {
            process = new ProcessBuilder(List.of("socat",
                    "pty,raw,echo=0,link=" + terminalEnd, "pty,raw,echo=0,link=" + deviceEnd))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat (apt-get install socat): " + e.getMessage(), e);
        }
        SocatPair pair = new SocatPair(process, terminalEnd, deviceEnd);
        Instant giveUp = Instant.now().plus(START_TIMEOUT);
        while (!(Files.exists(terminalEnd) && Files.exists(deviceEnd))) {
            if (!process.isAlive() || Instant.now().isAfter(giveUp)) {
                pair.close();
                throw new IOException("socat did not create " + terminalEnd + " and " + deviceEnd);
            }
            try {
                Thread.sleep(10); // waiting for another process, not for simulated time
            } catch (InterruptedException e) {
                pair.close();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting socat", e);
            }
        }
        return pair;
    }

    /** The end the terminal opens, as its configured {@code relay.port}. */
    public Path terminalEnd() {
        return terminalEnd;
    }

    /** The end the simulated board reads and answers on. */
    public Path deviceEnd() {
        return deviceEnd;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
