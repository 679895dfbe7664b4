package io.qrvend.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Opens serial ports with jSerialComm, 8 data bits, no parity, one stop bit. */
public final class SerialPorts {
    private SerialPorts() {
    }

    /**
     * Opens {@code path} at {@code baud}. A path that does not exist or a port that will not open
     * (permissions, held by another process) is an {@link IOException} naming the path.
     */
    public static SerialLink open(String path, int baud) throws IOException {
        if (!Files.exists(Path.of(path))) {
            throw new IOException("serial port " + path + " does not exist");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("serial port " + path + " is not a serial port: " + e.getMessage(), e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IOException("serial port " + path + " could not be opened (error " + port.getLastErrorCode()
                    + "; is the user in group dialout, or does another process hold it?)");
        }
        return new JSerialCommLink(path, port);
    }

    private static final class JSerialCommLink implements SerialLink {
        private final String path;
        private final SerialPort port;

        JSerialCommLink(String path, SerialPort port) {
            this.path = path;
            this.port = port;
        }

        @Override
        public String port() {
            return path;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            int written = port.writeBytes(bytes, bytes.length);
            if (written != bytes.length) {
                throw new IOException("serial port " + path + ": wrote " + Math.max(written, 0) + " of " + bytes.length + " bytes");
            }
        }

        @Override
        public byte[] read(int count, Duration timeout) throws IOException {
            // jSerialComm times reads in whole deciseconds on Linux; round up so a short timeout
            // never becomes "block forever" (0).
            int millis = (int) Math.max(100, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, millis, 0);
            byte[] buffer = new byte[count];
            int read = port.readBytes(buffer, count);
            if (read < 0) {
                throw new IOException("serial port " + path + " failed while reading (disconnected?)");
            }
            return Arrays.copyOf(buffer, read);
        }

        @Override
        public void discardInput() throws IOException {
            int available = port.bytesAvailable();
            if (available < 0) {
                throw new IOException("serial port " + path + " is no longer available");
            }
            if (available > 0) {
                port.readBytes(new byte[available], available);
            }
        }

        @Override
        public void close() {
            port.closePort();
        }

        @Override
        public String toString() {
            return "serial port " + path;
        }
    }
}
