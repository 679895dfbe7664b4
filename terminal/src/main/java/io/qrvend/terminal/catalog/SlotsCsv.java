package io.qrvend.terminal.catalog;

import io.qrvend.terminal.config.DurationText;
import io.qrvend.terminal.money.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog as CSV, for {@code qrvend slots import|export}: a header line, then one slot per line:
 * {@code slot,name,price,channel,stock,sensor,enabled,drop_window}. Prices are in yuan ({@code 3.50}),
 * yes/no for the flags, the drop window empty for the default. Names may be quoted to hold commas.
 * A file with any bad line is refused whole, naming the line.
 */
public final class SlotsCsv {
    public static final String HEADER = "slot,name,price,channel,stock,sensor,enabled,drop_window";

    private SlotsCsv() {
    }

    public static String format(List<Slot> slots) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Slot s : slots) {
            out.append(s.id()).append(',').append(quote(s.name())).append(',').append(Money.format(s.priceFen())).append(',')
                    .append(s.channel()).append(',').append(s.stock()).append(',').append(yesNo(s.sensor())).append(',')
                    .append(yesNo(s.enabled())).append(',')
                    .append(s.dropWindow() == null ? "" : DurationText.format(s.dropWindow())).append('\n');
        }
        return out.toString();
    }

    /** Parses a whole file; the first bad line throws an IllegalArgumentException naming it. */
    public static List<Slot> parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("line 1: the header must be " + HEADER);
        }
        List<Slot> slots = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                Slot slot = slot(fields(lines[i]));
                if (!seen.add(slot.id())) {
                    throw new IllegalArgumentException("slot " + slot.id() + " appears twice");
                }
                slots.add(slot);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return slots;
    }

    private static Slot slot(List<String> f) {
        if (f.size() != 8) {
            throw new IllegalArgumentException("expected 8 fields (" + HEADER + "), found " + f.size());
        }
        return new Slot(f.get(0), f.get(1), Money.parse(f.get(2)), number(f.get(3), "channel"), flag(f.get(5), "sensor"),
                number(f.get(4), "stock"), flag(f.get(6), "enabled"), f.get(7).isEmpty() ? null : DurationText.parse(f.get(7)));
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a whole number");
        }
    }

    private static boolean flag(String text, String what) {
        return switch (text) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(what + " must be yes or no, not '" + text + "'");
        };
    }

    /** Splits one line on commas; a field in double quotes may hold commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        out.add(field.toString().trim());
        return out;
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
