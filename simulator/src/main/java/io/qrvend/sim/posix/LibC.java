package io.qrvend.sim.posix;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;

/**
 * The few libc calls the simulator needs and Java 17 does not offer: pseudo-terminals and Unix
 * datagram sockets. Linux numbers (the same on x86_64, arm and aarch64). {@code size_t} and
 * {@code ssize_t} are {@link NativeLong}: the size of a C {@code long} on every Linux ABI.
 */
interface LibC extends Library {
    LibC C = Native.load("c", LibC.class);

    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_CLOEXEC = 0x80000;
    int O_NONBLOCK = 0x800;
    int TCSANOW = 0;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    int EINTR = 4;
    int EAGAIN = 11;
    int AF_UNIX = 1;
    int SOCK_DGRAM = 2;
    int SOCK_CLOEXEC = O_CLOEXEC;
    int SUN_PATH_MAX = 108;
    int MSG_NOSIGNAL = 0x4000;
    /** glibc's {@code struct termios} is 60 bytes; room to spare. */
    int TERMIOS_SIZE = 256;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    /** Returns 0 or an error number (not -1 and errno). */
    int ptsname_r(int fd, byte[] buffer, NativeLong length);

    int open(String path, int flags);

    int tcgetattr(int fd, Memory termios);

    void cfmakeraw(Memory termios);

    int tcsetattr(int fd, int when, Memory termios);

    int poll(Memory fds, NativeLong count, int timeoutMillis);

    NativeLong read(int fd, byte[] buffer, NativeLong count);

    NativeLong write(int fd, byte[] buffer, NativeLong count);

    int pipe2(int[] fds, int flags);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Memory address, int length);

    NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, Memory address, int addressLength);

    int close(int fd);

    String strerror(int errno);

    /** An IOException for a call that failed, with what was being done and libc's words for errno. */
    static IOException failure(String doing) {
        return failure(doing, Native.getLastError());
    }

    static IOException failure(String doing, int errno) {
        return new IOException(doing + ": " + C.strerror(errno) + " (errno " + errno + ")");
    }

    /** Fails with {@link #failure} when {@code result} is -1. */
    static int check(int result, String doing) throws IOException {
        if (result == -1) {
            throw failure(doing);
        }
        return result;
    }
}
