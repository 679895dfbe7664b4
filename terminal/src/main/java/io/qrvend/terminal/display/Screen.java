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

    /** One wallet's payment code: the label the customer reads above it, and what the QR encodes. */
    record WalletCode(String label, String qrText) {
    }

    /**
     * The payment codes for one sale, with a countdown to {@code deadline}: one code, or one per
     * wallet side by side, each labelled. {@code orderNo} is the first order's number.
     */
    record PaymentQr(String orderNo, String productName, long priceFen, List<WalletCode> codes, Instant deadline)
            implements Screen {
        public PaymentQr {
            codes = List.copyOf(codes);
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("a payment screen needs at least one code");
            }
        }

        /** A single code, drawn without a wallet label as before there were two wallets. */
        public PaymentQr(String orderNo, String productName, long priceFen, String qrText, Instant deadline) {
            this(orderNo, productName, priceFen, List.of(new WalletCode("", qrText)), deadline);
        }

        /** The first (with one wallet, the only) code's text. */
        public String qrText() {
            return codes.get(0).qrText();
        }

        public PaymentQr withDeadline(Instant moved) {
            return new PaymentQr(orderNo, productName, priceFen, codes, moved);
        }
    }

    record Vending(String productName) implements Screen {
    }

    record ThankYou(String productName) implements Screen {
    }

    /**
     * The sale's money went back: {@code wallet} is the label of the wallet it went back to, as the
     * customer read it over the code ({@code Wallet.label()}); empty when it is not known.
     */
    record Refunded(String productName, long amountFen, String wallet) implements Screen {
        public Refunded {
            wallet = wallet == null ? "" : wallet;
        }

        /** A refund to Alipay, the only wallet there was before WeChat Pay. */
        public Refunded(String productName, long amountFen) {
            this(productName, amountFen, "Alipay");
        }
    }

    /** A short message, e.g. why a selection was refused; the previous screen returns after it. */
    record Notice(String message) implements Screen {
    }

    record OutOfService(String reason) implements Screen {
    }
}
