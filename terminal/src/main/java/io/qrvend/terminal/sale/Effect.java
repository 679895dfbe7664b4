package io.qrvend.terminal.sale;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.payment.OrderRequest;
import java.time.Duration;

/**
 * Something the engine asks the outside world to do for a sale. The effect runner performs it and
 * feeds the outcome back as a {@link SaleEvent} carrying the same request number.
 */
public sealed interface Effect {

    record CreateOrder(int request, OrderRequest order) implements Effect {
    }

    record QueryOrder(int request) implements Effect {
    }

    record CancelOrder(int request) implements Effect {
    }

    record Refund(int request, String refundRequestNo, long amountFen) implements Effect {
    }

    record QueryRefund(int request, String refundRequestNo) implements Effect {
    }

    record Pulse(int request, int channel, Duration duration) implements Effect {
    }

    record Arm(TimerKind kind, Duration delay) implements Effect {
    }

    record Show(Screen screen) implements Effect {
    }

    /** Something a technician must hear about, e.g. an answer that contradicts the sale. */
    record Alert(String message) implements Effect {
    }
}
