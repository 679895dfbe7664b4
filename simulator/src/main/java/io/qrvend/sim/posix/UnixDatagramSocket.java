package io.qrvend.sim.posix;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A Unix datagram socket bound to a path, for receiving (what systemd's notify socket is). Java 17's
 * channels speak Unix sockets only as streams, so socket, bind and read go through libc.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /** The largest datagram kept whole; sd_notify messages are a few dozen bytes. */
    private static final int MAX_DATAGRAM = 64 * 1024;

    private final Path path;
    private final PolledFd fd;

    private UnixDatagramSocket(Path path, PolledFd fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Binds a new socket at {@code path} (a stale file there is replaced); it receives from then on. */
    public static UnixDatagramSocket bind(Path path) throws IOException {
        Path at = path.toAbsolutePath();
        Files.deleteIfExists(at);
        int raw = LibC.check(LibC.C.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0),
                "cannot open a datagram socket for " + at);
        PolledFd fd = new PolledFd(raw, "datagram socket " + at);
        try (Memory address = address(at)) {
            fd.with(s -> LibC.check(LibC.C.bind(s, address, (int) address.size()), "cannot bind " + at));
        } catch (IOException | RuntimeException e) {
            fd.close();
            throw e;
        }
        return new UnixDatagramSocket(at, fd);
    }

    /** Sends one datagram to the socket bound at {@code to}, as {@code sd_notify(3)} does. */
    public static void send(Path to, byte[] datagram) throws IOException {
        Path at = to.toAbsolutePath();
        int raw = LibC.check(LibC.C.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0),
                "cannot open a datagram socket to " + at);
        try (PolledFd fd = new PolledFd(raw, "datagram socket to " + at); Memory address = address(at)) {
            long sent = fd.with(s -> LibC.C.sendto(s, datagram, new NativeLong(datagram.length), LibC.MSG_NOSIGNAL, address,
                    (int) address.size()).longValue());
            if (sent != datagram.length) {
                throw LibC.failure("cannot send to " + at);
            }
        }
    }

    /** A {@code struct sockaddr_un} for {@code path}, exactly as long as the path and its NUL. */
    private static Memory address(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= LibC.SUN_PATH_MAX) {
            throw new IOException("socket path " + path + " is longer than " + (LibC.SUN_PATH_MAX - 1) + " bytes");
        }
        Memory address = new Memory(2 + name.length + 1);
        address.clear();
        address.setShort(0, (short) LibC.AF_UNIX);
        address.write(2, name, 0, name.length);
        return address;
    }

    public Path path() {
        return path;
    }

    /** Waits for the next datagram; empty once the socket was closed (from any thread). */
    public Optional<byte[]> receive() throws IOException {
        if (fd.awaitReadable() != PolledFd.Wait.READY) {
            return Optional.empty();
        }
        byte[] buffer = new byte[MAX_DATAGRAM];
        int n = fd.read(buffer);
        return n < 0 ? Optional.empty() : Optional.of(Arrays.copyOf(buffer, n));
    }

    /** Closes the socket (waking a {@link #receive}) and removes its file. */
    @Override
    public void close() throws IOException {
        fd.close();
        Files.deleteIfExists(path);
    }
}
