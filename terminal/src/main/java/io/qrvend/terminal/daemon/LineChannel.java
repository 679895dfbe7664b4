package io.qrvend.terminal.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One line each way over a Unix socket, every step within a deadline. Both ends of the control
 * socket use it, so neither waits forever on the other: a client that connects and sends nothing,
 * or a daemon that accepts and never answers. A Unix {@link SocketChannel} has no read timeout of
 * its own, hence a non-blocking channel and a selector of its own.
 */
final class LineChannel implements AutoCloseable {

    /** A point on the monotonic clock; a wall-clock step neither shortens nor stretches a wait. */
    record Deadline(long nanoTime) {
        static Deadline in(Duration wait) {
            return new Deadline(System.nanoTime() + wait.toNanos());
        }

        /** Whole milliseconds left, at least 1 while any time is left, 0 once passed. */
        long remainingMillis() {
            long nanos = nanoTime - System.nanoTime();
            return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
        }
    }

    /** How a read ended: a line, the end of the input before any byte, a line over the limit, or the deadline. */
    enum Outcome { LINE, ENDED, TOO_LONG, TIMED_OUT }

    /** {@code line} is set for {@link Outcome#LINE} only. */
    record Read(Outcome outcome, String line) {
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    private LineChannel(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /** Takes over an accepted or opened channel (closing it with this). */
    static LineChannel of(SocketChannel channel) throws IOException {
        try {
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            try {
                return new LineChannel(channel, selector, channel.register(selector, 0));
            } catch (IOException | RuntimeException e) {
                selector.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A new, unconnected Unix socket channel. */
    static LineChannel open() throws IOException {
        return of(SocketChannel.open(StandardProtocolFamily.UNIX));
    }

    /** Connects to {@code socket}; false when the deadline passed first, an IOException when nobody listens. */
    boolean connect(Path socket, Deadline deadline) throws IOException {
        if (channel.connect(UnixDomainSocketAddress.of(socket))) {
            return true;
        }
        while (!channel.finishConnect()) {
            if (!await(SelectionKey.OP_CONNECT, deadline)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads up to the first newline. Bytes after it are dropped (one request, one answer per
     * connection). Input that ends after some bytes without a newline counts as a line.
     */
    Read readLine(int maxBytes, Deadline deadline) throws IOException {
        LineBuffer line = new LineBuffer(maxBytes);
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                return line.end();
            }
            if (n == 0) {
                if (!await(SelectionKey.OP_READ, deadline)) {
                    return new Read(Outcome.TIMED_OUT, null);
                }
                continue;
            }
            buffer.flip();
            Read read = line.take(buffer);
            if (read != null) {
                return read;
            }
        }
    }

    /** Collects bytes up to the first newline, at most {@code maxBytes} of them; no I/O, so a fuzz test can feed it anything. */
    static final class LineBuffer {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final int maxBytes;

        LineBuffer(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        /** Takes bytes: the line once its newline came, {@link Outcome#TOO_LONG} past the limit, else null for more. */
        Read take(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (b == '\n') {
                    return new Read(Outcome.LINE, text());
                }
                if (line.size() >= maxBytes) {
                    return new Read(Outcome.TOO_LONG, null);
                }
                line.write(b);
            }
            return null;
        }

        /** The input ended: {@link Outcome#ENDED} before any byte, else what came counts as the line. */
        Read end() {
            return line.size() == 0 ? new Read(Outcome.ENDED, null) : new Read(Outcome.LINE, text());
        }

        private String text() {
            return line.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes {@code line} and a newline; false when the deadline passed before all of it was taken. */
    boolean writeLine(String line, Deadline deadline) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0 && !await(SelectionKey.OP_WRITE, deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the channel is ready for {@code ops}; false at the deadline. An interrupt ends the wait. */
    private boolean await(int ops, Deadline deadline) throws IOException {
        key.interestOps(ops);
        try {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on the control socket");
                }
                long millis = deadline.remainingMillis();
                if (millis == 0) {
                    return false;
                }
                selector.selectedKeys().clear();
                if (selector.select(millis) > 0) {
                    return true;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
