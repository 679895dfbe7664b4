package io.qrvend.terminal.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.engine.Selection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Answers the control socket's requests ({@code status}, {@code sell}, {@code cancel},
 * {@code catalog-changed}) by asking the engine, waiting at most {@link #ENGINE_WAIT} for it.
 */
final class ControlRequests implements Function<JsonNode, ObjectNode> {
    /** How long a request waits for the engine; below the CLI's own wait, so a slow engine is reported as such. */
    static final Duration ENGINE_WAIT = Duration.ofSeconds(10);

    private final Engine engine;
    private final StatusJson status;

    ControlRequests(Engine engine, StatusJson status) {
        this.engine = engine;
        this.status = status;
    }

    @Override
    public ObjectNode apply(JsonNode request) {
        String command = request.path("command").asText("");
        try {
            switch (command) {
                case "status" -> {
                    return status.of(engine.status().get(ENGINE_WAIT.toMillis(), TimeUnit.MILLISECONDS));
                }
                case "sell" -> {
                    String slot = request.path("slot").asText("");
                    if (slot.isEmpty()) {
                        return ControlProtocol.error("sell needs a slot");
                    }
                    Selection selection = engine.select(slot).get(ENGINE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return selection.match(
                            accepted -> ControlProtocol.ok().put("sale", accepted.saleId()).put("order", accepted.orderNo()),
                            refused -> ControlProtocol.error(refused.reason()));
                }
                case "cancel" -> {
                    boolean cancelled = engine.cancel().get(ENGINE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return cancelled ? ControlProtocol.ok() : ControlProtocol.error("no sale is awaiting payment");
                }
                case "catalog-changed" -> {
                    engine.catalogChanged();
                    return ControlProtocol.ok();
                }
                default -> {
                    return ControlProtocol.error("unknown command '" + command + "'");
                }
            }
        } catch (TimeoutException e) {
            return ControlProtocol.error("the engine did not answer within " + ENGINE_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlProtocol.error("interrupted");
        } catch (ExecutionException e) {
            return ControlProtocol.error(String.valueOf(e.getCause().getMessage()));
        }
    }
}
