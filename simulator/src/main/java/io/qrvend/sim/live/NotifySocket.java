package io.qrvend.sim.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * systemd's notify socket, played by socat: a datagram socket the daemon sends {@code READY=1},
 * {@code WATCHDOG=1}, {@code STOPPING=1} to ({@code NOTIFY_SOCKET}). socat writes the datagrams
 * out back to back, without separators, so what was heard is kept as one text, each piece with the
 * moment it was read; tests check what the daemon said and benchmarks time its start.
 */
public final class NotifySocket implements AutoCloseable {
    /** A piece of text as read, and {@link System#nanoTime} when it was read. */
    private record Piece(int end, long nanoTime) {
    }

    private final Path path;
    private final Process socat;
    private final Thread reader;
    private final StringBuilder text = new StringBuilder();
    private final List<Piece> pieces = new ArrayList<>();

    private NotifySocket(Path path, Process socat) {
        this.path = path;
        this.socat = socat;
        this.reader = new Thread(this::read, "notify-socket");
        reader.setDaemon(true);
        reader.start();
    }

    /** Binds the socket at {@code path} and returns once it exists. */
    public static NotifySocket open(Path path) throws IOException, InterruptedException {
        Files.deleteIfExists(path);
        Process socat = new ProcessBuilder("socat", "-u", "UNIX-RECV:" + path, "STDOUT").redirectErrorStream(true).start();
        NotifySocket socket = new NotifySocket(path, socat);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(path)) {
            if (!socat.isAlive() || System.nanoTime() > giveUp) {
                socket.close();
                throw new IOException("socat did not bind " + path);
            }
            Thread.sleep(10); // another process is starting: nothing to wait on but the file
        }
        return socket;
    }

    public Path path() {
        return path;
    }

    private void read() {
        byte[] buffer = new byte[4096];
        try (InputStream in = socat.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                String piece = new String(buffer, 0, n, StandardCharsets.UTF_8);
                long now = System.nanoTime();
                synchronized (this) {
                    text.append(piece);
                    pieces.add(new Piece(text.length(), now));
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // socat was stopped: nothing more to hear
        }
    }

    /** Everything heard so far. */
    public synchronized String heard() {
        return text.toString();
    }

    /**
     * Waits until {@code assignment} (e.g. {@code READY=1}) was heard and returns when it was read;
     * gives up (IOException) after {@code limit} or as soon as {@code stillHoping} says the sender is
     * gone (e.g. the daemon process died).
     */
    public synchronized long await(String assignment, Duration limit, BooleanSupplier stillHoping)
            throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + limit.toNanos();
        while (true) {
            int at = text.indexOf(assignment);
            if (at >= 0) {
                int end = at + assignment.length();
                for (Piece p : pieces) {
                    if (p.end() >= end) {
                        return p.nanoTime();
                    }
                }
            }
            long left = giveUp - System.nanoTime();
            if (left <= 0 || !stillHoping.getAsBoolean()) {
                throw new IOException("never heard " + assignment + " on " + path + "; heard: " + text);
            }
            wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100))); // re-check stillHoping now and then
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socat.destroy();
        socat.waitFor();
        reader.join(2000);
        Files.deleteIfExists(path);
    }
}
