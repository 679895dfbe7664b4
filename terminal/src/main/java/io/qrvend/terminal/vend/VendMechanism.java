package io.qrvend.terminal.vend;

import java.time.Duration;

/**
 * What makes a product drop: a relay channel pulsed for a moment. Drop sensor edges do not come
 * through here; whoever watches the sensors tells the engine ({@code Engine#dropSeen}).
 */
public interface VendMechanism {

    /**
     * Fires {@code channel} for {@code duration} and returns when the relay is open again. A
     * {@link VendException} means the relay may or may not have fired; the engine then refunds and
     * never pulses that sale again.
     */
    void pulse(int channel, Duration duration) throws VendException;
}
