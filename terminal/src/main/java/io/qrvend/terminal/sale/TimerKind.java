package io.qrvend.terminal.sale;

/**
 * The timers a sale arms. A sale has at most one of each; arming replaces, and every timer of a
 * sale is cancelled when its state changes, so a timer fires only in the state that armed it.
 */
public enum TimerKind {
    /** The next step of the current state: the next poll, or a retry after an unusable answer. */
    NEXT,
    /** The end of the payment window. */
    DEADLINE,
    /** The end of the wait for the drop sensor. */
    DROP
}
