package io.qrvend.drivers.serial;

import java.io.IOException;
import java.time.Duration;

/**
 * A byte pipe to a device on a serial port. Relay boards speak through this rather than through
 * jSerialComm directly, so a frame codec never depends on a port library and the simulator's devices
 * can sit on the far end of the same kind of link.
 */
public interface SerialLink extends AutoCloseable {

    /** The configured port path, for messages a technician can act on. */
    String port();

    /** Writes every byte or throws. */
    void write(byte[] bytes) throws IOException;

    /**
     * Reads up to {@code count} bytes, returning when all arrived or when {@code timeout} passed;
     * the result may be shorter (empty when nothing came).
     */
    byte[] read(int count, Duration timeout) throws IOException;

    /** Throws away whatever arrived unasked, so the next reply is read from its first byte. */
    void discardInput() throws IOException;

    @Override
    void close();
}
