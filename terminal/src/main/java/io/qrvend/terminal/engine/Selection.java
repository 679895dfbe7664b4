package io.qrvend.terminal.engine;

import java.util.function.Function;

/** What became of a customer's selection. */
public sealed interface Selection {

    /** Exhaustive dispatch: a new kind of selection outcome does not compile until every caller decides. */
    <R> R match(Function<Accepted, R> accepted, Function<Refused, R> refused);

    record Accepted(long saleId, String orderNo) implements Selection {
        @Override
        public <R> R match(Function<Accepted, R> accepted, Function<Refused, R> refused) {
            return accepted.apply(this);
        }
    }

    /** Refused, with a reason fit for the screen. No sale was created. */
    record Refused(String reason) implements Selection {
        @Override
        public <R> R match(Function<Accepted, R> accepted, Function<Refused, R> refused) {
            return refused.apply(this);
        }
    }
}
