package io.qrvend.sim;

import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.vend.VendException;
import io.qrvend.terminal.vend.VendMechanism;
import java.time.Duration;

/**
 * A bug planted on purpose, which the campaign must catch: the relay pulses as soon as a payment is
 * committed, without VENDING being committed first (a power cut then vends twice).
 */
final class PulseOnPaidBug {
    private final VendMechanism vend;
    private final Duration pulse;
    private boolean planted;

    PulseOnPaidBug(VendMechanism vend, Duration pulse) {
        this.vend = vend;
        this.pulse = pulse;
    }

    void plant() {
        planted = true;
    }

    /** The engine committed {@code after}: a planted bug pulses if it is PAID. */
    void committed(Sale after) {
        if (planted && after.state() == SaleState.PAID) {
            try {
                vend.pulse(after.channel(), pulse);
            } catch (VendException e) {
                // a broken relay makes no difference to the bug
            }
        }
    }
}
