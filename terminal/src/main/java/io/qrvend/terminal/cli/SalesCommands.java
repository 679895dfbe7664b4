package io.qrvend.terminal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.report.SalesReport;
import io.qrvend.terminal.sale.Sale;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reading the journal: {@code qrvend sales} and {@code qrvend report}. Times and days are local. */
final class SalesCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SalesCommands() {
    }

    @Command(name = "sales", mixinStandardHelpOptions = true, description = "List sales, newest last.")
    static final class Sales implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Option(names = "--since", paramLabel = "DATE", converter = Converters.Day.class,
                description = "Only sales started on or after DATE (YYYY-MM-DD).")
        LocalDate since;
        @Option(names = "--csv", description = "Print CSV.")
        boolean csv;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            ZoneId zone = ZoneId.systemDefault();
            LocalDate from = since;
            List<Sale> sales;
            try (Journal journal = CatalogCommands.openJournal(config.load())) {
                sales = from == null ? journal.sales() : journal.salesSince(SalesReport.start(from, zone));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (Sale s : sales) {
                    array.addObject().put("id", s.id()).put("order", s.orderNo()).put("created", s.createdAt().toString())
                            .put("slot", s.slotId()).put("product", s.productName()).put("price", Money.format(s.priceFen()))
                            .put("state", s.state().name()).put("paid", Money.format(s.paidFen()))
                            .put("refunded", Money.format(s.refundedFen())).put("wallet", s.wallet().key())
                            .put("group", s.groupId());
                }
                out.println(Json.of(array));
            } else if (csv) {
                // wallet and group were added at the end, so scripts reading the first columns go on working
                out.println("id,order,created,slot,product,price,state,paid,refunded,wallet,group");
                for (Sale s : sales) {
                    out.println(s.id() + "," + s.orderNo() + "," + TIME.format(s.createdAt().atZone(zone)) + "," + s.slotId() + ","
                            + csvField(s.productName()) + "," + Money.format(s.priceFen()) + "," + s.state() + ","
                            + Money.format(s.paidFen()) + "," + Money.format(s.refundedFen()) + "," + s.wallet().key() + ","
                            + s.groupId());
                }
            } else {
                // GROUP is the customer's sale: with two wallets its two orders share it
                out.printf("%5s %5s %-24s %-6s %-19s %-5s %-16s %7s %-16s %7s %8s%n", "ID", "GROUP", "ORDER", "WALLET", "CREATED",
                        "SLOT", "PRODUCT", "PRICE", "STATE", "PAID", "REFUNDED");
                for (Sale s : sales) {
                    out.printf("%5d %5d %-24s %-6s %-19s %-5s %-16s %7s %-16s %7s %8s%n", s.id(), s.groupId(), s.orderNo(),
                            s.wallet().key(), TIME.format(s.createdAt().atZone(zone)), s.slotId(), s.productName(),
                            Money.format(s.priceFen()), s.state(), Money.format(s.paidFen()), Money.format(s.refundedFen()));
                }
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "A day's sales: count, gross, refunds, net, per slot.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Option(names = "--day", paramLabel = "DATE", converter = Converters.Day.class, description = "The day (YYYY-MM-DD; default today).")
        LocalDate day;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            ZoneId zone = ZoneId.systemDefault();
            LocalDate date = day == null ? LocalDate.now(zone) : day;
            SalesReport report;
            try (Journal journal = CatalogCommands.openJournal(config.load())) {
                Instant from = SalesReport.start(date, zone);
                Instant until = SalesReport.end(date, zone);
                report = SalesReport.of(date, journal.takings().bySlot(from, until), journal.takings().byWallet(from, until));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.object().put("day", date.toString());
                line(root.putObject("total"), report.total());
                ObjectNode slots = root.putObject("slots");
                report.bySlot().forEach((slot, l) -> line(slots.putObject(slot), l));
                ObjectNode wallets = root.putObject("wallets");
                report.byWallet().forEach((wallet, l) -> line(wallets.putObject(wallet), l));
                out.println(Json.of(root));
                return 0;
            }
            out.printf("report for %s%n", date);
            out.printf("%-6s %5s %6s %8s %9s %9s %9s %9s%n", "SLOT", "SALES", "VENDED", "REFUNDED", "CANCELLED", "GROSS", "REFUNDS", "NET");
            for (Map.Entry<String, SalesReport.Line> e : report.bySlot().entrySet()) {
                print(out, e.getKey(), e.getValue());
            }
            print(out, "total", report.total());
            out.println();
            out.println("per wallet, each order counted (a sale offering two wallets is an order at each):");
            out.printf("%-6s %6s %6s %8s %9s %9s %9s %9s%n", "WALLET", "ORDERS", "VENDED", "REFUNDED", "CANCELLED", "GROSS", "REFUNDS", "NET");
            for (Map.Entry<String, SalesReport.Line> e : report.byWallet().entrySet()) {
                print(out, "%-6s %6d %6d %8d %9d %9s %9s %9s%n", e.getKey(), e.getValue());
            }
            return 0;
        }

        private static void line(ObjectNode node, SalesReport.Line l) {
            node.put("sales", l.sales()).put("vended", l.vended()).put("refunded", l.refunded()).put("cancelled", l.cancelled())
                    .put("gross", Money.format(l.grossFen())).put("refunds", Money.format(l.refundsFen())).put("net", Money.format(l.netFen()));
        }

        private static void print(PrintWriter out, String name, SalesReport.Line l) {
            print(out, "%-6s %5d %6d %8d %9d %9s %9s %9s%n", name, l);
        }

        private static void print(PrintWriter out, String format, String name, SalesReport.Line l) {
            out.printf(format, name, l.sales(), l.vended(), l.refunded(), l.cancelled(),
                    Money.format(l.grossFen()), Money.format(l.refundsFen()), Money.format(l.netFen()));
        }
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
