package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.engine.EngineStatus;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.sale.Sale;

/**
 * The answer to {@code status}: the engine's state, the current sale, how the backend has been
 * answering the uptime (monotonic) and the last step of the wall clock. Every field {@code qrvend status} shows is written here and only here.
 */
final class StatusJson {
    private final DaemonSettings settings;
    private final ObservedGateway gateway;

    StatusJson(DaemonSettings settings, ObservedGateway gateway) {
        this.settings = settings;
        this.gateway = gateway;
    }

    ObjectNode of(EngineStatus status) {
        ObjectNode out = ControlProtocol.ok();
        out.put("state", status.haltedBecause() != null ? "halted" : status.closing() ? "closing" : status.ready() ? "ready" : "recovering");
        out.put("terminal", settings.terminalId());
        out.put("uptime_s", status.uptime().toSeconds());
        out.put("last_clock_step", status.lastClockStep() == null ? null
                : status.lastClockStep().describe() + " at " + status.lastClockStep().at());
        out.put("gateway", settings.alipay().gateway().toString());
        out.put("test_backend", settings.alipay().testBackend());
        ObservedGateway.Health health = gateway.health();
        out.put("backend_last_answer", health.lastAnswer() == null ? null : health.lastAnswer().toString());
        out.put("backend_last_error", health.lastFailure() == null ? null : health.lastFailureAt() + " " + health.lastFailure());
        out.put("backend_call_in_flight", health.callInFlight());
        out.put("backend_call_in_flight_ms", health.callInFlightFor() == null ? null : health.callInFlightFor().toMillis());
        out.put("backend_call_overdue", health.callOverdue());
        out.put("halted_because", status.haltedBecause());
        out.put("active_sales", status.activeSales());
        Sale sale = status.customerSale();
        if (sale != null) {
            out.putObject("sale").put("id", sale.id()).put("order", sale.orderNo()).put("slot", sale.slotId())
                    .put("product", sale.productName()).put("price", Money.format(sale.priceFen())).put("state", sale.state().name());
        }
        return out;
    }
}
