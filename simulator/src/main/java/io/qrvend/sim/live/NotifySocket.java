package io.qrvend.sim.live;

import io.qrvend.sim.posix.UnixDatagramSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * systemd's notify socket: a datagram socket the daemon sends {@code READY=1}, {@code WATCHDOG=1},
 * {@code STOPPING=1} to ({@code NOTIFY_SOCKET}). Each datagram is kept with the moment it arrived;
 * tests check what the daemon said and benchmarks time its start.
 */
public final class NotifySocket implements AutoCloseable {
    /** One datagram (newline-separated assignments, as sd_notify sends them) and {@link System#nanoTime} at receipt. */
    private record Message(String text, long nanoTime) {
        boolean says(String assignment) {
            return text.lines().anyMatch(assignment::equals);
        }
    }

    private final UnixDatagramSocket socket;
    private final Thread reader;
    private final List<Message> messages = new ArrayList<>();
    private boolean deaf;

    private NotifySocket(UnixDatagramSocket socket) {
        this.socket = socket;
        this.reader = new Thread(this::read, "notify-socket");
        reader.setDaemon(true);
        reader.start();
    }

    /** Binds the socket at {@code path}; it hears from the moment this returns. */
    public static NotifySocket open(Path path) throws IOException {
        return new NotifySocket(UnixDatagramSocket.bind(path));
    }

    public Path path() {
        return socket.path();
    }

    private void read() {
        try {
            Optional<byte[]> datagram;
            while ((datagram = socket.receive()).isPresent()) {
                Message m = new Message(new String(datagram.get(), StandardCharsets.UTF_8), System.nanoTime());
                synchronized (this) {
                    messages.add(m);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                messages.add(new Message("(cannot read " + socket.path() + ": " + e.getMessage() + ")", System.nanoTime()));
            }
        } finally {
            synchronized (this) {
                deaf = true;
                notifyAll();
            }
        }
    }

    /** Everything heard so far, one datagram a line. */
    public synchronized String heard() {
        return String.join("\n", messages.stream().map(Message::text).toList());
    }

    /** Waits until {@code assignment} (e.g. {@code READY=1}) was heard and returns when it arrived; IOException after {@code limit}. */
    public long await(String assignment, Duration limit) throws IOException, InterruptedException {
        return await(assignment, limit, null);
    }

    /**
     * As {@link #await(String, Duration)}, but gives up as soon as {@code sender} exits without having
     * said it (e.g. the daemon died during its start).
     */
    public long await(String assignment, Duration limit, Process sender) throws IOException, InterruptedException {
        if (sender != null) {
            sender.onExit().thenRun(this::wake);
        }
        long giveUp = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (true) {
                for (Message m : messages) {
                    if (m.says(assignment)) {
                        return m.nanoTime();
                    }
                }
                long left = giveUp - System.nanoTime();
                if (left <= 0 || deaf || (sender != null && !sender.isAlive())) {
                    throw new IOException("never heard " + assignment + " on " + socket.path()
                            + (sender != null && !sender.isAlive() ? " (the sender exited with " + sender.exitValue() + ")" : "")
                            + "; heard: " + heard());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    @Override
    public void close() throws IOException {
        socket.close(); // wakes the reader, which then ends
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
