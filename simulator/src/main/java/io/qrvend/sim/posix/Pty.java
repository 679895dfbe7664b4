package io.qrvend.sim.posix;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import io.qrvend.drivers.serial.SerialLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A pseudo-terminal standing in for a USB serial adapter: the terminal opens {@link #terminalEnd()}
 * (a symbolic link to the pty's slave, {@code /dev/pts/N}) as its {@code relay.port} through
 * jSerialComm, exactly as it opens {@code /dev/ttyUSB0}; a simulated board reads and writes the
 * master side through {@link #deviceEnd()}.
 *
 * <p>The line is raw (no echo, no CR/LF mapping, no signals), so binary frames pass unchanged. This
 * object keeps the slave open itself for its whole life: with no slave open, the master reports a
 * hang-up at once on every poll, and the terminal closes and reopens its port (at every restart).
 */
public final class Pty implements AutoCloseable {
    private final Path link;
    private final Path slave;
    private final int slaveFd;
    private final MasterLink master;
    private boolean closed;

    private Pty(Path link, Path slave, int slaveFd, MasterLink master) {
        this.link = link;
        this.slave = slave;
        this.slaveFd = slaveFd;
        this.master = master;
    }

    /** Opens a pty and links it at {@code link} (replacing what was there, as socat's {@code link=} did). */
    public static Pty open(Path link) throws IOException {
        Path at = link.toAbsolutePath();
        int masterFd = LibC.check(LibC.C.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC | LibC.O_NONBLOCK),
                "cannot open a pseudo-terminal (/dev/ptmx) for " + at);
        PolledFd polled = new PolledFd(masterFd, "the pty master for " + at);
        int slaveFd = -1;
        try {
            Path slave = polled.with(fd -> {
                LibC.check(LibC.C.grantpt(fd), "grantpt for " + at);
                LibC.check(LibC.C.unlockpt(fd), "unlockpt for " + at);
                byte[] name = new byte[128];
                int error = LibC.C.ptsname_r(fd, name, new NativeLong(name.length));
                if (error != 0) {
                    throw LibC.failure("ptsname for " + at, error);
                }
                int end = 0;
                while (end < name.length && name[end] != 0) {
                    end++;
                }
                return Path.of(new String(name, 0, end, StandardCharsets.UTF_8));
            });
            slaveFd = LibC.check(LibC.C.open(slave.toString(), LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC),
                    "cannot open " + slave);
            makeRaw(slaveFd, slave);
            Files.deleteIfExists(at);
            Files.createSymbolicLink(at, slave);
            return new Pty(at, slave, slaveFd, new MasterLink(at, polled));
        } catch (IOException | RuntimeException e) {
            if (slaveFd >= 0) {
                LibC.C.close(slaveFd);
            }
            polled.close();
            throw e;
        }
    }

    /** Raw mode on the line (the slave's termios, which the master side shares). */
    private static void makeRaw(int fd, Path slave) throws IOException {
        try (Memory termios = new Memory(LibC.TERMIOS_SIZE)) {
            termios.clear();
            LibC.check(LibC.C.tcgetattr(fd, termios), "tcgetattr on " + slave);
            LibC.C.cfmakeraw(termios);
            LibC.check(LibC.C.tcsetattr(fd, LibC.TCSANOW, termios), "tcsetattr on " + slave);
        }
    }

    /** The path the terminal opens as its serial port: the link, as given to {@link #open}. */
    public Path terminalEnd() {
        return link;
    }

    /** The pty's slave device the link points to ({@code /dev/pts/N}). */
    public Path slave() {
        return slave;
    }

    /**
     * The far end of the line, for the simulated board. Closing it closes the master; a terminal then
     * reading its port gets end of file or an error, as when a USB adapter is pulled out.
     */
    public SerialLink deviceEnd() {
        return master;
    }

    /** Closes both sides and removes the link. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        master.close();
        LibC.C.close(slaveFd);
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(slave)) {
            Files.delete(link);
        }
    }

    /** The master side as a {@link SerialLink}: reads wait on poll(2), never on a sleep. */
    private static final class MasterLink implements SerialLink {
        private final Path port;
        private final PolledFd fd;

        MasterLink(Path port, PolledFd fd) {
            this.port = port;
            this.fd = fd;
        }

        @Override
        public String port() {
            return port + " (device end)";
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            fd.write(bytes);
        }

        @Override
        public byte[] read(int count, Duration timeout) throws IOException {
            byte[] got = new byte[count];
            int have = 0;
            long giveUp = System.nanoTime() + timeout.toNanos();
            while (have < count) {
                PolledFd.Wait wait = fd.awaitReadable(Duration.ofNanos(Math.max(0, giveUp - System.nanoTime())));
                switch (wait) {
                    case TIMED_OUT -> {
                        return Arrays.copyOf(got, have);
                    }
                    case CLOSED -> throw new IOException(fd.name() + " is closed");
                    case READY -> {
                        byte[] chunk = new byte[count - have];
                        int n = fd.read(chunk);
                        if (n < 0) {
                            throw new IOException(fd.name() + " is closed");
                        }
                        System.arraycopy(chunk, 0, got, have, n);
                        have += n;
                    }
                }
            }
            return got;
        }

        @Override
        public void discardInput() throws IOException {
            byte[] chunk = new byte[256];
            while (fd.awaitReadable(Duration.ZERO) == PolledFd.Wait.READY && fd.read(chunk) > 0) {
                // drained what was there
            }
        }

        @Override
        public void close() {
            fd.close();
        }

        @Override
        public String toString() {
            return "pty device end of " + port;
        }
    }
}
