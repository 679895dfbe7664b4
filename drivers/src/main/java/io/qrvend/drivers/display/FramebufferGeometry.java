package io.qrvend.drivers.display;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shape of a Linux framebuffer: visible size, bits per pixel and bytes per line. The kernel
 * publishes it in {@code /sys/class/graphics/fbN/}; configuration may override it so any file can
 * stand in for the device.
 */
public record FramebufferGeometry(int width, int height, int bitsPerPixel, int stride) {
    public FramebufferGeometry {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("framebuffer size " + width + "x" + height + " is not drawable");
        }
        if (bitsPerPixel != 16 && bitsPerPixel != 32) {
            throw new IllegalArgumentException("framebuffer depth " + bitsPerPixel + " bpp is not supported (16 RGB565 or 32 XRGB)");
        }
        if (stride < width * bitsPerPixel / 8) {
            throw new IllegalArgumentException("framebuffer stride " + stride + " is shorter than a line of " + width + " pixels");
        }
    }

    /** A tightly packed framebuffer, as a file standing in for one is. */
    public static FramebufferGeometry packed(int width, int height, int bitsPerPixel) {
        return new FramebufferGeometry(width, height, bitsPerPixel, width * bitsPerPixel / 8);
    }

    /** Reads {@code virtual_size}, {@code bits_per_pixel} and {@code stride} from a sysfs directory such as {@code /sys/class/graphics/fb0}. */
    public static FramebufferGeometry fromSysfs(Path dir) throws IOException {
        String[] size = read(dir, "virtual_size").split(",");
        if (size.length != 2) {
            throw new IOException(dir.resolve("virtual_size") + ": expected WIDTH,HEIGHT");
        }
        try {
            int width = Integer.parseInt(size[0].trim());
            int height = Integer.parseInt(size[1].trim());
            int bpp = Integer.parseInt(read(dir, "bits_per_pixel"));
            Path stride = dir.resolve("stride");
            int bytesPerLine = Files.exists(stride) ? Integer.parseInt(read(dir, "stride")) : width * bpp / 8;
            return new FramebufferGeometry(width, height, bpp, bytesPerLine);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** The sysfs directory of a device path: {@code /dev/fb1} -> {@code /sys/class/graphics/fb1}. */
    public static Path sysfsOf(Path device) {
        return Path.of("/sys/class/graphics").resolve(device.getFileName().toString());
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).trim();
    }

    int bytes() {
        return stride * height;
    }
}
