package io.qrvend.drivers.display;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A Linux framebuffer device (or a plain file standing in for one): 16-bit RGB565 or 32-bit XRGB,
 * little-endian, as the Pi's KMS/fbdev drivers lay them out. Each frame is written whole at offset 0.
 */
public final class Framebuffer implements FrameSink {
    private final Path device;
    private final FramebufferGeometry geometry;

    public Framebuffer(Path device, FramebufferGeometry geometry) {
        this.device = device;
        this.geometry = geometry;
    }

    @Override
    public int width() {
        return geometry.width();
    }

    @Override
    public int height() {
        return geometry.height();
    }

    @Override
    public void draw(Raster frame) throws IOException {
        if (frame.width() != width() || frame.height() != height()) {
            throw new IllegalArgumentException("frame " + frame.width() + "x" + frame.height() + " does not fit " + this);
        }
        ByteBuffer bytes = ByteBuffer.allocate(geometry.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int[] pixels = frame.pixels();
        for (int y = 0; y < height(); y++) {
            bytes.position(y * geometry.stride());
            int row = y * width();
            if (geometry.bitsPerPixel() == 16) {
                for (int x = 0; x < width(); x++) {
                    int rgb = pixels[row + x];
                    bytes.putShort((short) (((rgb >> 8) & 0xF800) | ((rgb >> 5) & 0x07E0) | ((rgb >> 3) & 0x001F)));
                }
            } else {
                for (int x = 0; x < width(); x++) {
                    bytes.putInt(pixels[row + x] & 0xFFFFFF);
                }
            }
        }
        bytes.clear();
        try (FileChannel out = FileChannel.open(device, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            long at = 0;
            while (bytes.hasRemaining()) {
                at += out.write(bytes, at);
            }
        } catch (IOException e) {
            throw new IOException("framebuffer " + device + ": " + e.getMessage(), e);
        }
    }

    /** Reads back what the framebuffer shows, e.g. for a technician's screenshot or a test. */
    public Raster read() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(geometry.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel in = FileChannel.open(device, StandardOpenOption.READ)) {
            long at = 0;
            while (bytes.hasRemaining()) {
                int read = in.read(bytes, at);
                if (read < 0) {
                    throw new IOException("framebuffer " + device + " is shorter than " + geometry);
                }
                at += read;
            }
        }
        Raster frame = new Raster(width(), height());
        int[] pixels = frame.pixels();
        for (int y = 0; y < height(); y++) {
            int at = y * geometry.stride();
            for (int x = 0; x < width(); x++) {
                if (geometry.bitsPerPixel() == 16) {
                    int v = bytes.getShort(at + 2 * x) & 0xFFFF;
                    pixels[y * width() + x] = ((v & 0xF800) << 8) | ((v & 0x07E0) << 5) | ((v & 0x001F) << 3);
                } else {
                    pixels[y * width() + x] = bytes.getInt(at + 4 * x) & 0xFFFFFF;
                }
            }
        }
        return frame;
    }

    @Override
    public String toString() {
        return "framebuffer " + device + " " + width() + "x" + height() + " " + geometry.bitsPerPixel() + " bpp";
    }
}
