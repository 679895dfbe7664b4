package io.qrvend.terminal.sale;

import java.util.List;

/**
 * One step of a sale: its next value, why, and what to do. When {@code cause} is not null the step
 * is a transition the engine commits to the journal (from the previous state to
 * {@code next.state()}, possibly the same) before it starts any of {@code effects}.
 *
 * @param takesItem the product left the machine: the commit of this step also takes one item from
 *     the slot's stock (a sale rule, decided here, never by the journal)
 */
public record Decision(LiveSale next, String cause, List<Effect> effects, boolean takesItem) {
    public Decision {
        effects = List.copyOf(effects);
        if (takesItem && cause == null) {
            throw new IllegalArgumentException("a step that takes an item from stock must be journaled");
        }
    }

    public boolean journaled() {
        return cause != null;
    }
}
