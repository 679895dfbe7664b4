package io.qrvend.terminal.sale;

import java.util.List;

/**
 * One step of a sale: its next value, why, and what to do. When {@code cause} is not null the step
 * is a transition the engine commits to the journal (from the previous state to
 * {@code next.state()}, possibly the same) before it starts any of {@code effects}.
 */
public record Decision(LiveSale next, String cause, List<Effect> effects) {
    public Decision {
        effects = List.copyOf(effects);
    }

    public boolean journaled() {
        return cause != null;
    }
}
