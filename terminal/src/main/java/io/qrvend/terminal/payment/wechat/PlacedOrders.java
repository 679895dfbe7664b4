package io.qrvend.terminal.payment.wechat;

import io.qrvend.terminal.payment.OrderRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The orders this gateway placed, the most recent {@link #REMEMBERED} of them (one per recent sale):
 * answers must match the amount asked, and a retry sends the same time_expire.
 */
final class PlacedOrders {
    static final int REMEMBERED = 1024;

    /** What was asked when an order was placed. */
    record Placed(long amountFen, String timeExpire) {
    }

    private final Map<String, Placed> placed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Placed> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * The order as first placed: WeChat keeps an order number's first time_expire for good, and a
     * repeat with other parameters is refused, so a retry after an unknown answer sends the same.
     */
    synchronized Placed place(OrderRequest order, Instant now) {
        Placed before = placed.get(order.orderNo());
        if (before != null && before.amountFen() == order.amountFen()) {
            return before;
        }
        Placed first = new Placed(order.amountFen(), OrderFields.timeExpire(now, order));
        placed.put(order.orderNo(), first);
        return first;
    }

    /** The amount this gateway asked for the order, or null when it did not place it (since the daemon started). */
    synchronized Long amountAsked(String orderNo) {
        Placed p = placed.get(orderNo);
        return p == null ? null : p.amountFen();
    }
}
