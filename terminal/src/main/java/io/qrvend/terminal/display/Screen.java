package io.qrvend.terminal.display;

import java.time.Instant;
import java.util.List;

/** What a screen says, independent of how a display draws it. */
public sealed interface Screen {

    /** One line of the idle screen's product list. */
    record Offer(String slotId, String name, long priceFen, boolean available) {
    }

    /** Products and prices, waiting for a selection. */
    record Idle(List<Offer> offers) implements Screen {
        public Idle {
            offers = List.copyOf(offers);
        }
    }

    /** The payment QR for one sale, with a countdown to {@code deadline}. */
    record PaymentQr(String orderNo, String productName, long priceFen, String qrText, Instant deadline)
            implements Screen {
        public PaymentQr withDeadline(Instant moved) {
            return new PaymentQr(orderNo, productName, priceFen, qrText, moved);
        }
    }

    record Vending(String productName) implements Screen {
    }

    record ThankYou(String productName) implements Screen {
    }

    record Refunded(String productName, long amountFen) implements Screen {
    }

    /** A short message, e.g. why a selection was refused; the previous screen returns after it. */
    record Notice(String message) implements Screen {
    }

    record OutOfService(String reason) implements Screen {
    }
}
