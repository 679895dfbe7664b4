package io.qrvend.sim.bench;

/** The start-up floor: a JVM that starts, runs nothing and exits. */
public final class TrivialMain {
    private TrivialMain() {
    }

    public static void main(String[] args) {
        // nothing: the time to get here and exit is the floor a Java daemon cannot beat
    }
}
