package io.qrvend.sim;

import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.vend.VendException;
import io.qrvend.terminal.vend.VendMechanism;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's vend mechanism with a record kept for the invariant checks: which order each pulse
 * belonged to (the sale in VENDING, or, for a pulse out of VENDING, which is a bug, the sale last
 * committed), and which order each product that fell belonged to (the last one pulsed on its channel).
 */
final class RecordingVend implements VendMechanism {
    private final VendMechanism relays;
    private final Map<String, Integer> pulsesByOrder = new HashMap<>();
    private final Map<String, Integer> dropsByOrder = new HashMap<>();
    private final Map<Integer, String> lastPulsedOrderByChannel = new HashMap<>();
    private volatile Sale vending;
    private volatile Sale lastCommitted;

    RecordingVend(VendMechanism relays) {
        this.relays = relays;
    }

    /**
     * The engine committed {@code after}. Only the vending sale's own next step ends its vend: with
     * two wallets the other order of the same sale commits its close while the product is falling.
     */
    void committed(Sale after) {
        if (after.state() == SaleState.VENDING) {
            vending = after;
        } else if (vending != null && vending.id() == after.id()) {
            vending = null;
        }
        lastCommitted = after;
    }

    /** A new engine starts after a power cut: nothing is vending until it commits so. */
    void restarted() {
        vending = null;
    }

    /** The sale in VENDING now, if any. */
    Sale vending() {
        return vending;
    }

    @Override
    public void pulse(int channel, Duration duration) throws VendException {
        Sale sale = vending != null ? vending : lastCommitted; // a pulse out of VENDING is a bug: pin it on its sale
        synchronized (this) {
            String orderNo = sale == null ? "(no sale in VENDING)" : sale.orderNo();
            pulsesByOrder.merge(orderNo, 1, Integer::sum);
            lastPulsedOrderByChannel.put(channel, orderNo);
        }
        relays.pulse(channel, duration);
    }

    /** A product fell from {@code channel}; returns the order it is counted for. */
    synchronized String dropped(int channel) {
        String orderNo = lastPulsedOrderByChannel.getOrDefault(channel, "(nothing pulsed on " + channel + ")");
        dropsByOrder.merge(orderNo, 1, Integer::sum);
        return orderNo;
    }

    synchronized Map<String, Integer> pulsesByOrder() {
        return Map.copyOf(pulsesByOrder);
    }

    synchronized Map<String, Integer> dropsByOrder() {
        return Map.copyOf(dropsByOrder);
    }
}
