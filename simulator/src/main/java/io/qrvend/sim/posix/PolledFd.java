package io.qrvend.sim.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A file descriptor that a thread waits on with {@code poll(2)} and another thread may close. Closing
 * an fd does not wake a thread blocked on it (and the number may be reused under it), so a pipe is
 * polled alongside: {@link #close} writes to it, which wakes the waiter, waits until no call is using
 * the fd any more, then closes both.
 */
final class PolledFd implements AutoCloseable {
    /** What a wait ended with. */
    enum Wait { READY, TIMED_OUT, CLOSED }

    private final int fd;
    private final String name;
    private final int wakeRead;
    private final int wakeWrite;
    /** Calls on the fd hold it shared; close holds it alone. */
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** Takes ownership of {@code fd} (closed by {@link #close}, or here if the wake pipe cannot be made). */
    PolledFd(int fd, String name) throws IOException {
        int[] pipe = new int[2];
        if (LibC.C.pipe2(pipe, LibC.O_CLOEXEC) == -1) {
            IOException e = LibC.failure("cannot make a wake-up pipe for " + name);
            LibC.C.close(fd);
            throw e;
        }
        this.fd = fd;
        this.name = name;
        this.wakeRead = pipe[0];
        this.wakeWrite = pipe[1];
    }

    String name() {
        return name;
    }

    /** Waits until the fd has something to read, {@code timeout} passed, or it was closed. */
    Wait awaitReadable(Duration timeout) throws IOException {
        return await(LibC.POLLIN, false, System.nanoTime() + timeout.toNanos());
    }

    /** Waits until the fd has something to read or it was closed. */
    Wait awaitReadable() throws IOException {
        return await(LibC.POLLIN, true, 0);
    }

    private Wait await(short events, boolean forever, long giveUp) throws IOException {
        inUse.readLock().lock();
        try (Memory fds = new Memory(16)) {
            while (!closed) {
                fds.clear();
                fds.setInt(0, fd);
                fds.setShort(4, events);
                fds.setInt(8, wakeRead);
                fds.setShort(12, LibC.POLLIN);
                long left = Math.max(0, giveUp - System.nanoTime());
                int millis = forever ? -1 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
                int n = LibC.C.poll(fds, new NativeLong(2), millis);
                if (n == -1) {
                    int errno = Native.getLastError();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    throw LibC.failure("cannot wait on " + name, errno);
                }
                if (fds.getShort(14) != 0) {
                    return Wait.CLOSED;
                }
                if (fds.getShort(6) != 0) {
                    return Wait.READY; // also on an error or hang-up: the read or write then says which
                }
                if (!forever && System.nanoTime() - giveUp >= 0) {
                    return Wait.TIMED_OUT;
                }
            }
            return Wait.CLOSED;
        } finally {
            inUse.readLock().unlock();
        }
    }

    /** One {@code read(2)} of up to {@code buffer.length} bytes; -1 when closed. */
    int read(byte[] buffer) throws IOException {
        inUse.readLock().lock();
        try {
            while (!closed) {
                long n = LibC.C.read(fd, buffer, new NativeLong(buffer.length)).longValue();
                if (n >= 0) {
                    return (int) n;
                }
                int errno = Native.getLastError();
                if (errno == LibC.EAGAIN) {
                    return 0; // a non-blocking fd with nothing after all: the caller waits again
                }
                if (errno != LibC.EINTR) {
                    throw LibC.failure("cannot read " + name, errno);
                }
            }
            return -1;
        } finally {
            inUse.readLock().unlock();
        }
    }

    /** Writes every byte of {@code bytes} or throws. */
    void write(byte[] bytes) throws IOException {
        inUse.readLock().lock();
        try {
            byte[] rest = bytes;
            while (rest.length > 0) {
                if (closed) {
                    throw new IOException(name + " is closed");
                }
                long n = LibC.C.write(fd, rest, new NativeLong(rest.length)).longValue();
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    if (errno == LibC.EAGAIN) {
                        // A full line on a non-blocking fd: wait for room, or for close, which wakes
                        // this wait (a blocking write would hold close back for ever).
                        if (await(LibC.POLLOUT, true, 0) == Wait.CLOSED) {
                            throw new IOException(name + " is closed");
                        }
                        continue;
                    }
                    throw LibC.failure("cannot write to " + name, errno);
                }
                rest = Arrays.copyOfRange(rest, (int) n, rest.length);
            }
        } finally {
            inUse.readLock().unlock();
        }
    }

    /** Runs {@code call} on the fd while it is open (e.g. {@code bind}). */
    <T> T with(FdCall<T> call) throws IOException {
        inUse.readLock().lock();
        try {
            if (closed) {
                throw new IOException(name + " is closed");
            }
            return call.apply(fd);
        } finally {
            inUse.readLock().unlock();
        }
    }

    interface FdCall<T> {
        T apply(int fd) throws IOException;
    }

    /** Wakes a waiting reader, waits for calls in progress to return, and closes the fd. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        LibC.C.write(wakeWrite, new byte[] {1}, new NativeLong(1)); // a pipe of 64 KiB never fills with one byte
        inUse.writeLock().lock();
        try {
            LibC.C.close(fd);
            LibC.C.close(wakeRead);
            LibC.C.close(wakeWrite);
        } finally {
            inUse.writeLock().unlock();
        }
    }
}
