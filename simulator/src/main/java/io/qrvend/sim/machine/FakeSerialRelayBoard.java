package io.qrvend.sim.machine;

import io.qrvend.drivers.relay.LcusFrames;
import io.qrvend.drivers.relay.ModbusFrames;
import io.qrvend.drivers.serial.Hex;
import io.qrvend.drivers.serial.SerialLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial relay board in software, on the far end of a serial link (a pty's master side): it reads the
 * frames the terminal writes, records each one, answers as the real board does (LCUS never; Modbus
 * echoes a write it accepts) and turns the model's motor when a channel is switched on. It can also
 * misbehave: stay silent, or answer garbage.
 */
public final class FakeSerialRelayBoard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FakeSerialRelayBoard.class);
    /** How long one read waits for a frame; a board idles for ever, and {@link #close} wakes the read. */
    private static final Duration IDLE = Duration.ofDays(1);

    public enum Kind { LCUS, MODBUS }

    public enum Behaviour { NORMAL, SILENT, GARBAGE }

    private final Kind kind;
    private final int slave;
    private final SerialLink link;
    private final FakeVendingMachine model;
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile boolean running = true;

    private FakeSerialRelayBoard(Kind kind, int slave, SerialLink link, FakeVendingMachine model) {
        this.kind = kind;
        this.slave = slave;
        this.link = link;
        this.model = model;
        this.reader = new Thread(this::readLoop, "sim-" + kind.name().toLowerCase() + "-board");
        this.reader.setDaemon(true);
    }

    /**
     * Starts a board answering on {@code link} (whose close must end a read in progress, as a
     * {@link io.qrvend.sim.posix.Pty}'s device end does); {@code slave} is the Modbus address (ignored for LCUS).
     */
    public static FakeSerialRelayBoard start(Kind kind, int slave, SerialLink link, FakeVendingMachine model) {
        FakeSerialRelayBoard device = new FakeSerialRelayBoard(kind, slave, link, model);
        device.reader.start();
        return device;
    }

    public void behave(Behaviour next) {
        behaviour = next;
    }

    /** Every frame received, as hex, in order (including ones the board ignored). */
    public List<String> frames() {
        return List.copyOf(frames);
    }

    /**
     * Waits until at least {@code count} frames were read (an LCUS board never answers, so its
     * writer cannot tell when the device has them); false if {@code limit} passed first.
     */
    public synchronized boolean awaitFrames(int count, Duration limit) throws InterruptedException {
        long giveUp = System.nanoTime() + limit.toNanos();
        while (frames.size() < count) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void record(byte[] frame) {
        frames.add(Hex.of(frame));
        notifyAll();
    }

    private void readLoop() {
        List<Byte> pending = new ArrayList<>();
        int frameLength = kind == Kind.LCUS ? 4 : 8;
        while (running) {
            try {
                byte[] got = link.read(frameLength - pending.size(), IDLE); // close() ends the wait
                for (byte b : got) {
                    pending.add(b);
                }
                if (pending.size() < frameLength) {
                    continue;
                }
                byte[] frame = new byte[frameLength];
                for (int i = 0; i < frameLength; i++) {
                    frame[i] = pending.get(i);
                }
                if (handle(frame)) {
                    pending.clear();
                } else {
                    pending.remove(0); // out of step: slide one byte and look again
                }
            } catch (IOException | UncheckedIOException e) {
                if (running) {
                    log.warn("simulated {} board stopped reading: {}", kind, e.getMessage());
                }
                return;
            }
        }
    }

    /** Returns false when {@code frame} is not a frame of this board's protocol (so the reader resyncs). */
    private boolean handle(byte[] frame) throws IOException {
        if (kind == Kind.LCUS) {
            LcusFrames.Command command = LcusFrames.decode(frame);
            if (command == null) {
                return false;
            }
            if (command.on()) {
                model.motorPulsed(command.channel());
            }
            record(frame); // after the motor: whoever saw the frame sees its effect too
            return true;
        }
        ModbusFrames.CoilWrite write = ModbusFrames.decodeWrite(frame);
        if (write == null) {
            return false;
        }
        record(frame);
        if (write.slave() != slave) {
            return true; // another board on the bus
        }
        switch (behaviour) {
            case SILENT -> {
                return true;
            }
            case GARBAGE -> {
                link.write(new byte[] {0x13, 0x37, (byte) 0xBE, (byte) 0xEF, 0x00, 0x42, 0x55, 0x7F});
                return true;
            }
            case NORMAL -> { }
        }
        boolean switchOn = write.coil() < model.channels() && write.value() == ModbusFrames.COIL_ON;
        boolean flash = write.coil() >= ModbusFrames.FLASH_ON_BASE && write.coil() < ModbusFrames.FLASH_ON_BASE + model.channels();
        boolean switchOff = write.coil() < model.channels() && write.value() == ModbusFrames.COIL_OFF;
        if (!switchOn && !switchOff && !flash) {
            link.write(ModbusFrames.exception(slave, 2)); // illegal data address or value
            return true;
        }
        // Like a real board: the relay switches, then the echo goes back.
        if (switchOn) {
            model.motorPulsed(write.coil() + 1);
        } else if (flash) {
            model.motorPulsed(write.coil() - ModbusFrames.FLASH_ON_BASE + 1);
        }
        link.write(Arrays.copyOf(frame, frame.length));
        return true;
    }

    @Override
    public void close() {
        running = false;
        link.close(); // wakes the reader, which then sees it is no longer running
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
