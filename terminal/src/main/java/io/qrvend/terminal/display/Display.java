package io.qrvend.terminal.display;

/** Whatever the customer looks at. Implementations draw; the engine decides what is shown. */
public interface Display {

    /** Shows {@code screen}, replacing what was there. Must not block for long. */
    void show(Screen screen);
}
