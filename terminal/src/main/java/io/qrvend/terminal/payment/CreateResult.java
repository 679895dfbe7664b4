package io.qrvend.terminal.payment;

import java.util.function.Function;

/** The backend's answer to creating an order. */
public sealed interface CreateResult {

    /**
     * Exhaustive dispatch: every caller names what each kind of answer means, so a new kind of
     * answer breaks the build at each place that must decide about it.
     */
    <R> R match(Function<Created, R> created, Function<Rejected, R> rejected, Function<Unknown, R> unknown);

    /** The order exists; {@code qrCode} is the text to show as a QR code. */
    record Created(String qrCode) implements CreateResult {
        @Override
        public <R> R match(Function<Created, R> created, Function<Rejected, R> rejected, Function<Unknown, R> unknown) {
            return created.apply(this);
        }
    }

    /** The backend refused the order for good (bad parameters, contract, ...). */
    record Rejected(String code, String message) implements CreateResult {
        @Override
        public <R> R match(Function<Created, R> created, Function<Rejected, R> rejected, Function<Unknown, R> unknown) {
            return rejected.apply(this);
        }
    }

    /** No usable answer: the order may or may not exist. */
    record Unknown(String reason) implements CreateResult, NoAnswer {
        @Override
        public <R> R match(Function<Created, R> created, Function<Rejected, R> rejected, Function<Unknown, R> unknown) {
            return unknown.apply(this);
        }
    }
}
