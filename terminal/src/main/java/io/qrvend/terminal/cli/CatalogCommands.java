package io.qrvend.terminal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.catalog.SlotsCsv;
import io.qrvend.terminal.config.DurationText;
import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.ControlClient;
import io.qrvend.terminal.daemon.ControlProtocol;
import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.money.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The catalog, kept in the journal: {@code qrvend slots}, {@code qrvend slot set|enable|disable}.
 * Every change is journaled, and a running daemon is told so its idle screen shows it at once; the
 * next selection reads the new catalog either way.
 */
final class CatalogCommands {
    private CatalogCommands() {
    }

    @Command(name = "slots", mixinStandardHelpOptions = true, description = "List the slots, or import/export them as CSV.",
            subcommands = {Import.class, Export.class})
    static final class Slots implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            TerminalConfig cfg = config.load();
            try (Journal journal = openJournal(cfg)) {
                List<Slot> slots = journal.catalog().slots();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ArrayNode array = Json.MAPPER.createArrayNode();
                    for (Slot s : slots) {
                        array.addObject().put("slot", s.id()).put("name", s.name()).put("price", Money.format(s.priceFen()))
                                .put("channel", s.channel()).put("stock", s.stock()).put("sensor", s.sensor()).put("enabled", s.enabled())
                                .put("drop_window", s.dropWindow() == null ? null : DurationText.format(s.dropWindow()));
                    }
                    out.println(Json.of(array));
                    return 0;
                }
                out.printf("%-6s %-20s %8s %7s %5s %6s %7s%n", "SLOT", "NAME", "PRICE", "CHANNEL", "STOCK", "SENSOR", "ENABLED");
                for (Slot s : slots) {
                    out.printf("%-6s %-20s %8s %7d %5d %6s %7s%n", s.id(), s.name(), Money.format(s.priceFen()), s.channel(), s.stock(),
                            s.sensor() ? "yes" : "no", s.enabled() ? "yes" : "no");
                }
                return 0;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add or replace the slots in FILE.csv (header: " + SlotsCsv.HEADER + "); all or nothing.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "FILE", description = "CSV file.")
        Path file;

        @Override
        public Integer call() throws IOException {
            List<Slot> slots;
            try {
                slots = SlotsCsv.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage() + "; nothing was imported", e);
            }
            TerminalConfig cfg = config.load();
            try (Journal journal = openJournal(cfg)) {
                journal.catalog().change(slots, "imported from " + file.getFileName(), Instant.now());
            }
            tellDaemon(cfg);
            spec.commandLine().getOut().println("imported " + slots.size() + " slot(s) from " + file);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write every slot to FILE.csv.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "FILE", description = "CSV file to write.")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Journal journal = openJournal(config.load())) {
                List<Slot> slots = journal.catalog().slots();
                Files.writeString(file, SlotsCsv.format(slots), StandardCharsets.UTF_8);
                spec.commandLine().getOut().println("exported " + slots.size() + " slot(s) to " + file);
            }
            return 0;
        }
    }

    @Command(name = "slot", mixinStandardHelpOptions = true, description = "Change one slot.",
            subcommands = {Set.class, Enable.class, Disable.class})
    static final class SlotGroup implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a slot command is required (set, enable, disable)");
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Create SLOT, or change what is given; a new slot needs --name, --price and --channel.")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "SLOT", description = "Slot label, e.g. A1.")
        String slotId;
        @Option(names = "--name", description = "Product name.")
        String name;
        @Option(names = "--price", paramLabel = "YUAN", converter = Converters.Yuan.class, description = "Price in yuan, e.g. 3.50.")
        Long fen;
        @Option(names = "--channel", description = "Relay channel, from 1.")
        Integer channel;
        @Option(names = "--stock", description = "Products in the slot.")
        Integer stock;
        // A String, not a Boolean with a converter: picocli reads a Boolean option as a flag and never hands it "no".
        @Option(names = "--sensor", paramLabel = "yes|no", description = "Whether a drop sensor watches the slot.")
        String sensor;
        @Option(names = "--drop-window", paramLabel = "DURATION", converter = Converters.Time.class, description = "Wait for the drop sensor, e.g. 3s.")
        Duration window;

        @Override
        public Integer call() {
            Boolean hasSensor = sensor == null ? null : switch (sensor) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--sensor': "
                        + Quoted.of(sensor) + " must be yes or no");
            };
            TerminalConfig cfg = config.load();
            Slot next;
            try (Journal journal = openJournal(cfg)) {
                Optional<Slot> current = journal.catalog().slot(slotId);
                if (current.isEmpty() && (name == null || fen == null || channel == null)) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "slot " + slotId + " is new: give at least --name, --price and --channel");
                }
                Slot base = current.orElse(null);
                try {
                    next = new Slot(slotId, name != null ? name : base.name(), fen != null ? fen : base.priceFen(),
                            channel != null ? channel : base.channel(), hasSensor != null ? hasSensor : base == null || base.sensor(),
                            stock != null ? stock : base == null ? 0 : base.stock(), base == null || base.enabled(),
                            window != null ? window : base == null ? null : base.dropWindow());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                journal.catalog().change(List.of(next), "slot set", Instant.now());
            }
            tellDaemon(cfg);
            spec.commandLine().getOut().println("slot " + next.id() + ": " + next.name() + " " + Money.format(next.priceFen())
                    + ", channel " + next.channel() + ", stock " + next.stock() + (next.sensor() ? ", drop sensor" : ", no drop sensor")
                    + (next.enabled() ? "" : ", disabled"));
            return 0;
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Offer SLOT for sale again.")
    static final class Enable implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "SLOT")
        String slotId;

        @Override
        public Integer call() {
            return setEnabled(spec, config, slotId, true);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop selling SLOT.")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigMixin config;
        @Parameters(paramLabel = "SLOT")
        String slotId;

        @Override
        public Integer call() {
            return setEnabled(spec, config, slotId, false);
        }
    }

    private static int setEnabled(CommandSpec spec, ConfigMixin config, String slotId, boolean enabled) {
        TerminalConfig cfg = config.load();
        try (Journal journal = openJournal(cfg)) {
            Slot slot = journal.catalog().slot(slotId).orElseThrow(() -> new IllegalArgumentException("there is no slot " + slotId));
            journal.catalog().change(List.of(new Slot(slot.id(), slot.name(), slot.priceFen(), slot.channel(), slot.sensor(), slot.stock(),
                    enabled, slot.dropWindow())), enabled ? "enabled" : "disabled", Instant.now());
        }
        tellDaemon(cfg);
        spec.commandLine().getOut().println("slot " + slotId + (enabled ? " enabled" : " disabled"));
        return 0;
    }

    static Journal openJournal(TerminalConfig cfg) {
        return Journal.open(cfg.journalPath(), Durability.FULL);
    }

    /** A running daemon redraws its idle screen; one that is not running reads the catalog when it starts. */
    private static void tellDaemon(TerminalConfig cfg) {
        if (Files.exists(cfg.controlSocket())) {
            try {
                ControlClient.call(cfg.controlSocket(), ControlProtocol.request("catalog-changed"));
            } catch (IOException e) {
                // not running: nothing to tell
            }
        }
    }
}
