package io.qrvend.drivers.display;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * A PNG image file as a display: a kiosk browser or a remote technician can show it. Each frame
 * replaces the file atomically, so a reader never sees half a picture.
 */
public final class PngFile implements FrameSink {
    private final Path path;
    private final int width;
    private final int height;

    public PngFile(Path path, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("PNG size " + width + "x" + height + " is not drawable");
        }
        this.path = path;
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void draw(Raster frame) throws IOException {
        write(frame, path);
    }

    /** Writes {@code frame} as a PNG at {@code target}, via a temporary file beside it. */
    public static void write(Raster frame, Path target) throws IOException {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, frame.width(), frame.height(), frame.pixels(), 0, frame.width());
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads a PNG back into a raster. */
    public static Raster read(Path source) throws IOException {
        BufferedImage image = ImageIO.read(source.toFile());
        if (image == null) {
            throw new IOException(source + " is not an image");
        }
        Raster frame = new Raster(image.getWidth(), image.getHeight());
        image.getRGB(0, 0, frame.width(), frame.height(), frame.pixels(), 0, frame.width());
        for (int i = 0; i < frame.pixels().length; i++) {
            frame.pixels()[i] &= 0xFFFFFF;
        }
        return frame;
    }

    @Override
    public String toString() {
        return "PNG file " + path + " " + width + "x" + height;
    }
}
