package io.qrvend.terminal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    public static ConfigFile load(Path path) {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(path.toString(), in);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path.toString(), List.of("no such file"));
        } catch (IOException e) {
            throw new ConfigException(path.toString(), List.of("cannot be read: " + e.getMessage()));
        }
    }

    /** Reads properties text; a malformed file (a bad escape, bytes that are not UTF-8) is a ConfigException naming it. */
    public static ConfigFile read(String name, Reader in) throws IOException {
        Properties values = new Properties();
        try {
            values.load(in);
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            throw new ConfigException(name, List.of("cannot be read: " + e.getMessage()));
        }
        return new ConfigFile(name, values);
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
                    throw new IllegalArgumentException("has '" + part.trim() + "', not NAME=NUMBER");
                }
                int value = Integer.parseInt(pair[1].trim());
                if (value < min || value > max) {
                    throw new IllegalArgumentException("has " + value + ", not between " + min + " and " + max);
                }
                if (out.put(pair[0].trim(), value) != null) {
                    throw new IllegalArgumentException("has " + pair[0].trim() + " twice");
                }
            }
            return out;
        });
    }

    public void problem(String key, String what) {
        problems.add(key + ": " + what);
    }

    /**
     * Reports keys that were neither read nor are in {@code known}, and every problem recorded,
     * naming the file; returns when all was well.
     */
    public void finish(Collection<String> known) {
        for (String key : new TreeSet<>(values.stringPropertyNames())) {
            if (!read.contains(key) && !known.contains(key)) {
                problems.add(key + ": unknown key");
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
            problem(key, "'" + text + "' is not a whole number");
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage().startsWith("'") ? e.getMessage() : "'" + text + "' " + e.getMessage());
        }
        return fallback;
    }
}
