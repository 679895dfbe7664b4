package io.qrvend.terminal.display;

import io.qrvend.drivers.display.FrameSink;
import io.qrvend.drivers.display.Raster;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pixel display (framebuffer or PNG file) showing screens. A display that fails to draw is logged,
 * never thrown at the engine: a dark screen stops customers from buying, while a halted engine would
 * also stop the refunds and cancels already under way.
 */
public final class FrameDisplay implements Display {
    private static final Logger log = LoggerFactory.getLogger(FrameDisplay.class);

    private final FrameSink sink;
    private final ScreenPainter painter;
    private final Supplier<Instant> clock;
    private boolean failing;

    public FrameDisplay(FrameSink sink, Supplier<Instant> clock) {
        this.sink = sink;
        this.painter = new ScreenPainter(sink.width(), sink.height());
        this.clock = clock;
    }

    @Override
    public void show(Screen screen) {
        try {
            Raster frame = painter.paint(screen, clock.get());
            sink.draw(frame);
            if (failing) {
                log.info("{} draws again", sink);
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                log.error("{} could not show the {} screen: {}", sink, screen.getClass().getSimpleName(), e.getMessage());
            }
            failing = true;
        }
    }

    /** True from a failed draw until a draw succeeds again. */
    public boolean failing() {
        return failing;
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
