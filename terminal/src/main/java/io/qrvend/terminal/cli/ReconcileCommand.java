package io.qrvend.terminal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.DaemonSettings;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.report.Reconciler;
import io.qrvend.terminal.report.Reconciler.Finding;
import io.qrvend.terminal.sale.Sale;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvend reconcile}: asks each wallet's backend about every finished order of the last days and reports
 * (and journals) each one whose journal and backend disagree. Exit 1 when there is a difference, so
 * a timer or cron job can raise the alarm.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare every finished sale of the last N days with the backend; print and journal each difference.")
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ConfigMixin config;
    @Option(names = "--days", defaultValue = "7", description = "How many days back (default: ${DEFAULT-VALUE}).")
    int days;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (days < 1 || days > 366) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be between 1 and 366, was " + days);
        }
        TerminalConfig cfg = config.load();
        DaemonSettings settings = DaemonSettings.from(cfg);
        Instant since = Instant.now().minus(Duration.ofDays(days));
        List<Finding> findings;
        int checked;
        try (Journal journal = CatalogCommands.openJournal(cfg)) {
            List<Sale> sales = journal.finishedSalesSince(since);
            checked = sales.size();
            Map<Wallet, PaymentGateway> gateways = new EnumMap<>(Wallet.class);
            for (Wallet wallet : settings.wallets()) {
                gateways.put(wallet, settings.newGateway(wallet, Clock.systemUTC()));
            }
            findings = Reconciler.reconcile(sales, gateways);
            Instant now = Instant.now();
            for (Finding f : findings) {
                if (f.difference()) {
                    journal.audit().recordReconciliation(f.sale(), f.what(), now);
                }
            }
        }
        long differences = findings.stream().filter(Finding::difference).count();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.object().put("checked", checked).put("differences", differences);
            ArrayNode list = root.putArray("findings");
            findings.forEach(f -> list.addObject().put("order", f.sale().orderNo()).put("state", f.sale().state().name())
                    .put("difference", f.difference()).put("what", f.what()));
            out.println(Json.of(root));
        } else {
            findings.forEach(f -> out.println((f.difference() ? "DIFFERENCE " : "unverified ") + f.sale().orderNo() + " (sale "
                    + f.sale().id() + "): " + f.what()));
            out.println(checked + " finished sale(s) of the last " + days + " day(s) checked: " + differences + " difference(s), "
                    + (findings.size() - differences) + " unverified");
        }
        return differences == 0 ? 0 : 1;
    }
}
