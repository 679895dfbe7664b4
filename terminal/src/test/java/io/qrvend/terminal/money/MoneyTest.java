package io.qrvend.terminal.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void formatsFenAsYuan() {
        assertEquals("3.50", Money.format(350));
        assertEquals("0.01", Money.format(1));
        assertEquals("0.00", Money.format(0));
        assertEquals("1234.05", Money.format(123405));
    }

    @Test
    void parsesYuanExactly() {
        assertEquals(350, Money.parse("3.50"));
        assertEquals(350, Money.parse("3.5"));
        assertEquals(300, Money.parse("3"));
        assertEquals(350, Money.parse("3.500"));
    }

    @Test
    void refusesWhatIsNotExactlyAnAmount() {
        assertThrows(IllegalArgumentException.class, () -> Money.parse("3.505"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("abc"));
        assertThrows(IllegalArgumentException.class, () -> Money.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Money.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Money.parse("1e30"));
    }
}
