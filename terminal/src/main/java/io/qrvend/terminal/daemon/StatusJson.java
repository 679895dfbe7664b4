package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.engine.EngineStatus;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.sale.Sale;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The answer to {@code status}: the engine's state, the current sale, how the backend has been
 * answering and the uptime. Every field {@code qrvend status} shows is written here and only here.
 */
final class StatusJson {
    private final DaemonSettings settings;
    private final ObservedGateway gateway;
    private final Clock clock;
    private final Instant started;

    StatusJson(DaemonSettings settings, ObservedGateway gateway, Clock clock, Instant started) {
        this.settings = settings;
        this.gateway = gateway;
        this.clock = clock;
        this.started = started;
    }

    ObjectNode of(EngineStatus status) {
        ObjectNode out = ControlProtocol.ok();
        out.put("state", status.haltedBecause() != null ? "halted" : status.closing() ? "closing" : status.ready() ? "ready" : "recovering");
        out.put("terminal", settings.terminalId());
        out.put("uptime_s", Duration.between(started, clock.instant()).toSeconds());
        out.put("gateway", settings.alipay().gateway().toString());
        out.put("test_backend", settings.alipay().testBackend());
        ObservedGateway.Health health = gateway.health();
        out.put("backend_last_answer", health.lastAnswer() == null ? null : health.lastAnswer().toString());
        out.put("backend_last_error", health.lastFailure() == null ? null : health.lastFailureAt() + " " + health.lastFailure());
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
