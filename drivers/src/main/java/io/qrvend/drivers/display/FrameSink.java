package io.qrvend.drivers.display;

import java.io.IOException;

/** Somewhere a whole picture goes: a framebuffer or an image file. */
public interface FrameSink {
    int width();

    int height();

    /** Writes {@code frame}, which must be exactly {@link #width()} by {@link #height()}. */
    void draw(Raster frame) throws IOException;
}
