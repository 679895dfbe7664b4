package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.engine.EngineStatus;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import java.util.Map;

/**
 * The answer to {@code status}: the engine's state, the current sale, how each wallet's backend has
 * been answering, the uptime (monotonic) and the last step of the wall clock. Every field
 * {@code qrvend status} shows is written here and only here. The top-level backend fields are the
 * first configured wallet's, as they were when Alipay was the only one; {@code wallets} has each.
 */
final class StatusJson {
    private final DaemonSettings settings;
    private final Map<Wallet, ObservedGateway> gateways;

    StatusJson(DaemonSettings settings, Map<Wallet, ObservedGateway> gateways) {
        this.settings = settings;
        this.gateways = gateways;
    }

    ObjectNode of(EngineStatus status) {
        ObjectNode out = ControlProtocol.ok();
        out.put("state", status.haltedBecause() != null ? "halted" : status.closing() ? "closing" : status.ready() ? "ready" : "recovering");
        out.put("terminal", settings.terminalId());
        out.put("uptime_s", status.uptime().toSeconds());
        out.put("last_clock_step", status.lastClockStep() == null ? null
                : status.lastClockStep().describe() + " at " + status.lastClockStep().at());
        Wallet first = settings.wallets().get(0);
        backend(out, first);
        ObjectNode wallets = out.putObject("wallets");
        for (Wallet wallet : settings.wallets()) {
            backend(wallets.putObject(wallet.key()), wallet);
        }
        out.put("halted_because", status.haltedBecause());
        out.put("active_sales", status.activeSales());
        Sale sale = status.customerSale();
        if (sale != null) {
            out.putObject("sale").put("id", sale.id()).put("order", sale.orderNo()).put("slot", sale.slotId())
                    .put("product", sale.productName()).put("price", Money.format(sale.priceFen())).put("state", sale.state().name())
                    .put("wallet", sale.wallet().key());
        }
        return out;
    }

    private void backend(ObjectNode out, Wallet wallet) {
        out.put("gateway", settings.gateway(wallet).toString());
        out.put("test_backend", settings.testBackend(wallet));
        ObservedGateway.Health health = gateways.get(wallet).health();
        out.put("backend_last_answer", health.lastAnswer() == null ? null : health.lastAnswer().toString());
        out.put("backend_last_error", health.lastFailure() == null ? null : health.lastFailureAt() + " " + health.lastFailure());
        out.put("backend_call_in_flight", health.callInFlight());
        out.put("backend_call_in_flight_ms", health.callInFlightFor() == null ? null : health.callInFlightFor().toMillis());
        out.put("backend_call_overdue", health.callOverdue());
    }
}
