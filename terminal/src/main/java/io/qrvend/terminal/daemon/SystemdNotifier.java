package io.qrvend.terminal.daemon;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the daemon is doing ({@code READY=1}, {@code WATCHDOG=1}, {@code STOPPING=1}) on
 * the datagram socket named by {@code NOTIFY_SOCKET}, as {@code sd_notify(3)} does. Java 17 cannot
 * open a Unix datagram socket, so the three libc calls go through JNA. Without {@code NOTIFY_SOCKET}
 * (not started by systemd, or not {@code Type=notify}) every call does nothing.
 */
public final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_MAX = 108;

    /** The libc functions sd_notify needs. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        long sendto(int fd, byte[] buffer, long length, int flags, Pointer address, int addressLength);

        int close(int fd);
    }

    private final String socket;
    private LibC libc;

    private SystemdNotifier(String socket) {
        this.socket = socket;
    }

    /** A notifier for this process's {@code NOTIFY_SOCKET}. */
    public static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"));
    }

    public boolean enabled() {
        return socket != null && !socket.isEmpty();
    }

    /** Sends {@code state} (e.g. {@code READY=1}); false when it could not be sent. */
    public synchronized boolean notify(String state) {
        if (!enabled()) {
            return false;
        }
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length >= SUN_PATH_MAX || !(path[0] == '/' || path[0] == '@')) {
            log.warn("NOTIFY_SOCKET {} is not a socket path; systemd will not hear from qrvend", socket);
            return false;
        }
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        Memory address = new Memory(2 + SUN_PATH_MAX);
        address.clear();
        address.setShort(0, (short) AF_UNIX);
        address.write(2, path, 0, path.length);
        int length = 2 + path.length;
        if (path[0] == '@') {
            address.setByte(2, (byte) 0); // abstract namespace: leading NUL, no terminating one
        } else {
            length += 1;
        }
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            log.warn("cannot open a socket to tell systemd {} (errno {})", state, Native.getLastError());
            return false;
        }
        try {
            byte[] message = state.getBytes(StandardCharsets.UTF_8);
            long sent = libc.sendto(fd, message, message.length, MSG_NOSIGNAL, address, length);
            if (sent != message.length) {
                log.warn("could not tell systemd {} on {} (errno {})", state, socket, Native.getLastError());
                return false;
            }
            return true;
        } finally {
            libc.close(fd);
        }
    }
}
