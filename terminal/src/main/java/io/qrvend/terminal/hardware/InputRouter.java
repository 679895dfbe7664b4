package io.qrvend.terminal.hardware;

import io.qrvend.drivers.input.InputEdge;
import io.qrvend.terminal.engine.Engine;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns input edges into what they mean to the sale engine. Edges arrive on a Pi4J thread; the
 * engine's methods hand the work to its own thread. Only the edge into the active state counts: a
 * button acts when pressed, a drop sensor when the beam is broken.
 */
public final class InputRouter implements Consumer<InputEdge> {
    private static final Logger log = LoggerFactory.getLogger(InputRouter.class);

    private final Engine engine;

    public InputRouter(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void accept(InputEdge edge) {
        String line = edge.line();
        if (line.equals(Hardware.DOOR)) {
            log.info("door {}", edge.active() ? "opened" : "closed");
            return;
        }
        if (!edge.active()) {
            return;
        }
        if (line.equals(Hardware.DROP)) {
            engine.dropSeen(null);
        } else if (line.startsWith(Hardware.DROP + ":")) {
            engine.dropSeen(line.substring(Hardware.DROP.length() + 1));
        } else if (line.startsWith(Hardware.BUTTON + ":")) {
            String slot = line.substring(Hardware.BUTTON.length() + 1);
            engine.select(slot).thenAccept(selection -> log.info("button {}: {}", slot, selection));
        } else if (line.equals(Hardware.CANCEL)) {
            engine.cancel().thenAccept(cancelled -> log.info("cancel button: {}", cancelled ? "cancelling the sale" : "no sale to cancel"));
        } else {
            log.warn("input {} has no meaning here; ignored", line);
        }
    }
}
