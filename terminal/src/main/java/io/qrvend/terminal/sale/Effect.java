package io.qrvend.terminal.sale;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.payment.OrderRequest;
import java.time.Duration;
import java.util.function.Function;

/**
 * Something the engine asks the outside world to do for a sale. The effect runner performs it and
 * feeds the outcome back as a {@link SaleEvent} carrying the same request number.
 */
public sealed interface Effect {

    /**
     * Exhaustive dispatch: whoever performs effects names what it does for each kind, so a new kind
     * of effect breaks the build until it is performed, never found missing at run time.
     */
    <R> R match(Function<CreateOrder, R> createOrder,
                Function<QueryOrder, R> queryOrder,
                Function<CancelOrder, R> cancelOrder,
                Function<Refund, R> refund,
                Function<QueryRefund, R> queryRefund,
                Function<Pulse, R> pulse,
                Function<Arm, R> arm,
                Function<Show, R> show,
                Function<Alert, R> alert);

    record CreateOrder(int request, OrderRequest order) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return createOrder.apply(this);
        }
    }

    record QueryOrder(int request) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return queryOrder.apply(this);
        }
    }

    record CancelOrder(int request) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return cancelOrder.apply(this);
        }
    }

    record Refund(int request, String refundRequestNo, long amountFen) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return refund.apply(this);
        }
    }

    record QueryRefund(int request, String refundRequestNo) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return queryRefund.apply(this);
        }
    }

    record Pulse(int request, int channel, Duration duration) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return pulse.apply(this);
        }
    }

    record Arm(TimerKind kind, Duration delay) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return arm.apply(this);
        }
    }

    record Show(Screen screen) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return show.apply(this);
        }
    }

    /** Something a technician must hear about, e.g. an answer that contradicts the sale. */
    record Alert(String message) implements Effect {
        @Override
        public <R> R match(Function<CreateOrder, R> createOrder,
                           Function<QueryOrder, R> queryOrder,
                           Function<CancelOrder, R> cancelOrder,
                           Function<Refund, R> refund,
                           Function<QueryRefund, R> queryRefund,
                           Function<Pulse, R> pulse,
                           Function<Arm, R> arm,
                           Function<Show, R> show,
                           Function<Alert, R> alert) {
            return alert.apply(this);
        }
    }
}
