package io.qrvend.terminal.config;

import java.util.List;

/** A configuration file the terminal will not run with; the message names the file and every bad key. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(String file, List<String> problems) {
        super(file + ": " + String.join("\n" + file + ": ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as "key: what is wrong". */
    public List<String> problems() {
        return problems;
    }
}
