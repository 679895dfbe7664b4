package io.qrvend.terminal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrvend.terminal.daemon.ControlClient;
import io.qrvend.terminal.daemon.ControlProtocol;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Commands answered by the running daemon over its control socket. */
final class DaemonCommands {
    private DaemonCommands() {
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "State, current sale, backend reachability, last error and uptime of the running terminal.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            JsonNode answer = ControlClient.call(config.load().controlSocket(), ControlProtocol.request("status"));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.of(answer));
                return 0;
            }
            out.printf("state:    %s%n", answer.path("state").asText());
            out.printf("terminal: %s, up %s s%n", answer.path("terminal").asText(), answer.path("uptime_s").asLong());
            // One block per wallet; a daemon from before there were two wallets has only the top-level fields.
            JsonNode wallets = answer.path("wallets");
            if (wallets.isObject() && wallets.size() > 0) {
                wallets.fields().forEachRemaining(w -> backend(out, w.getKey(), w.getValue()));
            } else {
                backend(out, "alipay", answer);
            }
            JsonNode sale = answer.path("sale");
            out.printf("sale:     %s%n", sale.isMissingNode() ? "none" : sale.path("id").asLong() + " " + sale.path("order").asText()
                    + " " + sale.path("slot").asText() + " " + sale.path("product").asText() + " " + sale.path("price").asText()
                    + " " + sale.path("state").asText() + (sale.has("wallet") ? " (" + sale.path("wallet").asText() + ")" : ""));
            out.printf("active:   %d sale(s) not yet final%n", answer.path("active_sales").asInt());
            if (!answer.path("halted_because").isNull() && !answer.path("halted_because").isMissingNode()) {
                out.printf("HALTED:   %s (restart the service)%n", answer.path("halted_because").asText());
            }
            return 0;
        }

        private static void backend(PrintWriter out, String wallet, JsonNode b) {
            out.printf("%-9s %s%s%n", wallet + ":", b.path("gateway").asText(),
                    b.path("test_backend").asBoolean() ? "  ** TEST BACKEND: payments are not real **" : "");
            out.printf("          last verified answer %s%n", b.path("backend_last_answer").asText("never"));
            out.printf("          last error %s%n", b.path("backend_last_error").asText("none"));
            if (b.hasNonNull("backend_call_in_flight")) {
                out.printf("          call in flight: %s for %d ms%s%n", b.path("backend_call_in_flight").asText(),
                        b.path("backend_call_in_flight_ms").asLong(), b.path("backend_call_overdue").asBoolean()
                                ? "  ** OVERDUE: past the gateway's deadline; backend calls are stuck **" : "");
            }
        }
    }

    @Command(name = "sell", mixinStandardHelpOptions = true, description = "Start a sale of SLOT, as its button would.")
    static final class Sell implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "SLOT", description = "Slot to sell, e.g. A1.")
        String slot;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            JsonNode answer = ControlClient.call(config.load().controlSocket(), ControlProtocol.request("sell").put("slot", slot));
            return report(spec, answer, json, "sale " + answer.path("sale").asLong() + " " + answer.path("order").asText()
                    + ": showing the QR code");
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel the sale awaiting payment.")
    static final class Cancel implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;

        @Override
        public Integer call() throws Exception {
            JsonNode answer = ControlClient.call(config.load().controlSocket(), ControlProtocol.request("cancel"));
            return report(spec, answer, false, "cancelling the sale awaiting payment");
        }
    }

    /** Prints an answer; a refusal is a failure (exit 1) with the daemon's reason. */
    static int report(CommandSpec spec, JsonNode answer, boolean json, String success) {
        if (json) {
            spec.commandLine().getOut().println(Json.of(answer));
        }
        if (!answer.path("ok").asBoolean()) {
            if (!json) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + answer.path("error").asText("refused"));
            }
            return 1;
        }
        if (!json) {
            spec.commandLine().getOut().println(success);
        }
        return 0;
    }
}
