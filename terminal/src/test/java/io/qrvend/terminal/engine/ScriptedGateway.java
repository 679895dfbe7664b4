package io.qrvend.terminal.engine;

import io.qrvend.terminal.payment.CancelResult;
import io.qrvend.terminal.payment.CreateResult;
import io.qrvend.terminal.payment.OrderRequest;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.QueryResult;
import io.qrvend.terminal.payment.RefundQueryResult;
import io.qrvend.terminal.payment.RefundResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A backend that answers from a script, one queue per call; the last answer of a queue repeats.
 * Records every call as text, e.g. "query T1_261122_00000001".
 */
final class ScriptedGateway implements PaymentGateway {
    final Deque<CreateResult> creates = new ArrayDeque<>(List.of(new CreateResult.Created("https://qr.example/1")));
    final Deque<QueryResult> queries = new ArrayDeque<>(List.of(new QueryResult.NotFound()));
    final Deque<CancelResult> cancels = new ArrayDeque<>(List.of(new CancelResult.Cancelled(false)));
    final Deque<RefundResult> refunds = new ArrayDeque<>(List.of(new RefundResult.Refunded(350)));
    final Deque<RefundQueryResult> refundQueries = new ArrayDeque<>(List.of(new RefundQueryResult.NotFound()));
    final List<String> calls = new ArrayList<>();

    private static <T> T next(Deque<T> answers) {
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    static <T> void script(Deque<T> answers, List<T> sequence) {
        answers.clear();
        answers.addAll(sequence);
    }

    @Override
    public CreateResult create(OrderRequest order) {
        calls.add("create " + order.orderNo() + " " + order.amountFen());
        return next(creates);
    }

    @Override
    public QueryResult query(String orderNo) {
        calls.add("query " + orderNo);
        return next(queries);
    }

    @Override
    public CancelResult cancel(String orderNo) {
        calls.add("cancel " + orderNo);
        return next(cancels);
    }

    @Override
    public RefundResult refund(String orderNo, String refundRequestNo, long amountFen) {
        calls.add("refund " + refundRequestNo + " " + amountFen);
        return next(refunds);
    }

    @Override
    public RefundQueryResult queryRefund(String orderNo, String refundRequestNo) {
        calls.add("refund-query " + refundRequestNo);
        return next(refundQueries);
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
}
