package io.qrvend.drivers.relay;

import java.time.Duration;

/**
 * How a board waits while a relay is closed. The daemon sleeps; tests pass a pause that records
 * what the pins or the wire looked like in the middle of the pulse, without waiting.
 */
@FunctionalInterface
public interface Pause {
    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void hold(Duration duration) throws InterruptedException;
}
