package io.qrvend.terminal.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SalePolicyTest {
    private static final SalePolicy BASE = SalePolicy.DEFAULTS;

    /** The components of {@code changed} that differ from {@link #BASE}, by name. */
    private static Map<String, Object> changes(SalePolicy changed) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        for (RecordComponent c : SalePolicy.class.getRecordComponents()) {
            Object was = c.getAccessor().invoke(BASE);
            Object now = c.getAccessor().invoke(changed);
            if (!Objects.equals(was, now)) {
                out.put(c.getName(), now);
            }
        }
        return out;
    }

    @Test
    void eachWithChangesItsOwnComponentsAndNothingElse() throws Exception {
        Duration d = Duration.ofMillis(4321);
        Duration e = Duration.ofMillis(1234);
        assertEquals(Map.of("paymentWindow", d), changes(BASE.withPaymentWindow(d)));
        assertEquals(Map.of("pulse", d), changes(BASE.withPulse(d)));
        assertEquals(Map.of("dropWindow", d), changes(BASE.withDropWindow(d)));
        assertEquals(Map.of("pollUnscanned", d, "pollScanned", e), changes(BASE.withPolling(d, e)));
        assertEquals(Map.of("screenHold", d), changes(BASE.withScreenHold(d)));
        assertEquals(Map.of("vendingRecovery", SalePolicy.VendingRecovery.ASSUME_VENDED),
                changes(BASE.withVendingRecovery(SalePolicy.VendingRecovery.ASSUME_VENDED)));
    }

    @Test
    void aChangedPolicyIsCheckedLikeANewOne() {
        assertEquals("sale.pulse must be a positive duration, not PT0S",
                assertThrows(IllegalArgumentException.class, () -> BASE.withPulse(Duration.ZERO)).getMessage());
        assertEquals("sale.poll.scanned must be a positive duration, not null",
                assertThrows(IllegalArgumentException.class, () -> BASE.withPolling(Duration.ofSeconds(1), null)).getMessage());
    }
}
