package io.qrvend.terminal.engine;

import io.qrvend.terminal.sale.Sale;

/**
 * Observes the engine, on the engine thread. {@link #transition} is called after the transition is
 * committed and before any of its effects start; a listener that throws there stops the engine as a
 * crash would, which is how tests cut the power at a chosen moment.
 */
public interface EngineListener {
    EngineListener NONE = new EngineListener() {
    };

    /** A committed transition; {@code before} is null for a sale just created. */
    default void transition(Sale before, Sale after, String cause) {
    }

    /** Recovery is done and selections are accepted. */
    default void ready() {
    }

    default void refused(String slotId, String reason) {
    }

    /** The engine stopped because something it cannot work around went wrong. */
    default void halted(Throwable cause) {
    }
}
