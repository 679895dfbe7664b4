package io.qrvend.terminal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A Java properties file read key by key. Every getter records what is wrong instead of stopping at
 * the first problem, so a technician fixes the whole file in one go; {@link #finish()} adds the keys
 * nobody asked for (a typo is an unknown key, never a silently ignored one) and throws when anything
 * was wrong. Nothing is clamped or guessed: a bad value is an error naming its key.
 */
public final class ConfigFile {
    private final String file;
    private final Properties values;
    private final Set<String> read = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    private ConfigFile(String file, Properties values) {
        this.file = file;
        this.values = values;
    }

    /** Larger than any configuration; a bigger file is a wrong path (a disk image, a log), not read. */
    static final long MAX_BYTES = 1 << 20;

    /**
     * Reads a configuration file. Anything but a regular file of at most {@link #MAX_BYTES} is refused
     * before it is opened: a FIFO would block {@code config check} forever, a device could be endless.
     */
    public static ConfigFile load(Path path) {
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new ConfigException(path.toString(), List.of("is not a regular file"));
            }
            if (attributes.size() > MAX_BYTES) {
                throw new ConfigException(path.toString(), List.of("is " + attributes.size() + " bytes; a configuration file is at most " + MAX_BYTES));
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1); // bounded even if the file grew since
            }
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException(path.toString(), List.of("is over " + MAX_BYTES + " bytes; a configuration file is at most that"));
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(path.toString(), List.of("no such file"));
        } catch (IOException e) {
            throw new ConfigException(path.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        return read(path.toString(), bytes);
    }

    /**
     * Reads properties text in UTF-8. Bytes that are not UTF-8 or a bad escape are a ConfigException
     * naming the line; a key given twice is a problem naming both lines (the last one does not
     * silently win: it could redirect alipay.gateway or a key path).
     */
    public static ConfigFile read(String name, byte[] bytes) {
        List<PropertiesText.Entry> entries;
        try {
            entries = PropertiesText.entries(PropertiesText.decode(bytes));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, List.of(e.getMessage()));
        }
        Properties values = new Properties();
        Map<String, List<Integer>> lines = new LinkedHashMap<>();
        for (PropertiesText.Entry entry : entries) {
            values.setProperty(entry.key(), entry.value());
            lines.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry.line());
        }
        ConfigFile file = new ConfigFile(name, values);
        lines.forEach((key, at) -> {
            if (at.size() > 1) {
                file.problem(key, "is given " + (at.size() == 2 ? "twice" : at.size() + " times") + ", on lines " + and(at)
                        + "; keep one");
            }
        });
        return file;
    }

    /** "2 and 9", "2, 7 and 8"; past four lines the first three and the last ("1, 2, 3, ... and 900"). */
    private static String and(List<Integer> numbers) {
        List<String> text = numbers.stream().map(String::valueOf).toList();
        String last = text.get(text.size() - 1);
        if (text.size() > 4) {
            return String.join(", ", text.subList(0, 3)) + ", ... and " + last;
        }
        return String.join(", ", text.subList(0, text.size() - 1)) + " and " + last;
    }

    public static ConfigFile of(String name, Map<String, String> entries) {
        Properties values = new Properties();
        values.putAll(entries);
        return new ConfigFile(name, values);
    }

    public String file() {
        return file;
    }

    public boolean has(String key) {
        read.add(key);
        return raw(key) != null;
    }

    public String string(String key, String fallback) {
        String value = raw(key);
        return value == null ? fallback : value;
    }

    /** A value that must be present; null (and a recorded problem) when it is not. */
    public String required(String key) {
        String value = raw(key);
        if (value == null) {
            problem(key, "is required");
        }
        return value;
    }

    public int integer(String key, int min, int max, int fallback) {
        return parse(key, fallback, text -> {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return value;
        });
    }

    public Duration duration(String key, Duration fallback) {
        return parse(key, fallback, DurationText::parse);
    }

    /** {@code yes}/{@code no} (also true/false); required when {@code fallback} is null. */
    public boolean yesNo(String key, Boolean fallback) {
        if (fallback == null && raw(key) == null) {
            problem(key, "is required (yes or no)");
            return false;
        }
        Boolean value = parse(key, fallback, text -> switch (text) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("must be yes or no");
        });
        // A bad required value is a problem already recorded (the file is refused); false only
        // lets reading go on so that every other problem is named too. Found by InputFuzzTest.
        return value != null && value;
    }

    /** One of {@code choices}, e.g. {@code relay.type}. */
    public String choice(String key, List<String> choices, String fallback) {
        return parse(key, fallback, text -> {
            if (!choices.contains(text)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", choices));
            }
            return text;
        });
    }

    /** A comma-separated list of whole numbers, e.g. BCM pins {@code 17,27,22}; empty when absent. */
    public List<Integer> integers(String key, int min, int max) {
        return parse(key, List.of(), text -> {
            List<Integer> out = new ArrayList<>();
            for (String part : text.split(",")) {
                int value = Integer.parseInt(part.trim());
                if (value < min || value > max) {
                    throw new IllegalArgumentException("has " + value + ", not between " + min + " and " + max);
                }
                out.add(value);
            }
            return List.copyOf(out);
        });
    }

    /** {@code name=number,...}, e.g. buttons per slot {@code A1=5,A2=6}; empty when absent. */
    public Map<String, Integer> namedIntegers(String key, int min, int max) {
        return parse(key, Map.of(), text -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String part : text.split(",")) {
                String[] pair = part.split("=", 2);
                if (pair.length != 2 || pair[0].isBlank()) {
                    throw new IllegalArgumentException("has " + Quoted.of(part.trim()) + ", not NAME=NUMBER");
                }
                int value = Integer.parseInt(pair[1].trim());
                if (value < min || value > max) {
                    throw new IllegalArgumentException("has " + value + ", not between " + min + " and " + max);
                }
                if (out.put(pair[0].trim(), value) != null) {
                    throw new IllegalArgumentException("has " + Quoted.name(pair[0].trim()) + " twice");
                }
            }
            return out;
        });
    }

    public void problem(String key, String what) {
        problems.add(Quoted.name(key) + ": " + what);
    }

    /**
     * Reports keys that were neither read nor are in {@code known}, and every problem recorded,
     * naming the file; returns when all was well.
     */
    public void finish(Collection<String> known) {
        for (String key : new TreeSet<>(values.stringPropertyNames())) {
            if (!read.contains(key) && !known.contains(key)) {
                problem(key, "unknown key");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems);
        }
    }

    private String raw(String key) {
        read.add(key);
        String value = values.getProperty(key);
        return value == null ? null : value.trim();
    }

    private <T> T parse(String key, T fallback, Function<String, T> parser) {
        String text = raw(key);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            problem(key, Quoted.of(text) + " is not a whole number");
        } catch (IllegalArgumentException e) {
            // A message that quotes the value itself (a duration's) starts with the quote.
            problem(key, e.getMessage().startsWith("'") ? e.getMessage() : Quoted.of(text) + " " + e.getMessage());
        }
        return fallback;
    }
}
