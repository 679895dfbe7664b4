package io.qrvend.drivers.display;

import java.util.Arrays;

/** An RGB picture in memory ({@code 0xRRGGBB} per pixel), drawn once and then written to a display. */
public final class Raster {
    public static final int BLACK = 0x000000;
    public static final int WHITE = 0xFFFFFF;

    private final int width;
    private final int height;
    private final int[] pixels;

    public Raster(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 16_000_000) {
            throw new IllegalArgumentException("raster size " + width + "x" + height + " is not drawable");
        }
        this.width = width;
        this.height = height;
        this.pixels = new int[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    public void fill(int rgb) {
        Arrays.fill(pixels, rgb);
    }

    /** Fills a rectangle, clipped to the raster. */
    public void fillRect(int x, int y, int w, int h, int rgb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        for (int row = y0; row < y1; row++) {
            Arrays.fill(pixels, row * width + x0, Math.max(row * width + x0, row * width + x1), rgb);
        }
    }

    /** One row of pixels, for writers; do not modify. */
    int[] pixels() {
        return pixels;
    }
}
