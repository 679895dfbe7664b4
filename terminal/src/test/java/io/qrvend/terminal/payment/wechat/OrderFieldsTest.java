package io.qrvend.terminal.payment.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvend.terminal.payment.OrderRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderFieldsTest {
    @Test
    void timeExpireIsAtChinaTimeRoundedUpToTheSecond() {
        OrderRequest order = new OrderRequest("T1", 350, "Cola", Duration.ofSeconds(150));
        assertEquals("2026-11-22T16:02:30+08:00", OrderFields.timeExpire(Instant.parse("2026-11-22T08:00:00Z"), order));
        assertEquals("2026-11-22T16:02:31+08:00", OrderFields.timeExpire(Instant.parse("2026-11-22T08:00:00.001Z"), order),
                "never a moment before the sale's window ends");
    }

    @Test
    void theDescriptionIsCutTo127CharactersNeverInsideOne() {
        assertEquals("vending", OrderFields.description(" "));
        String emoji = "🥤".repeat(200);
        String cut = OrderFields.description(emoji);
        assertEquals(127, cut.codePointCount(0, cut.length()));
        assertEquals("🥤".repeat(127), cut);
    }

    @Test
    void amountsAreWholeFenAndTimesRfc3339() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(350L, OrderFields.amount(json.readTree("{\"amount\":{\"total\":350}}"), "total"));
        assertNull(OrderFields.amount(json.readTree("{\"amount\":{\"total\":3.5}}"), "total"));
        assertNull(OrderFields.amount(json.readTree("{\"amount\":{\"total\":\"350\"}}"), "total"));
        assertNull(OrderFields.amount(json.readTree("{}"), "total"));
        assertEquals(Instant.parse("2026-11-22T08:00:05Z"), OrderFields.wechatTime("2026-11-22T16:00:05+08:00"));
        assertNull(OrderFields.wechatTime("2026-11-22 16:00:05"));
    }
}
