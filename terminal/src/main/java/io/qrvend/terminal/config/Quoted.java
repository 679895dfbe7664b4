package io.qrvend.terminal.config;

/**
 * A value as an error message quotes it: whole when short, else its first characters and its length,
 * so that a 1 MB value in a file gives a one-line error, not a megabyte of terminal output.
 */
public final class Quoted {
    /** Values up to this length are quoted whole. */
    public static final int MAX = 60;

    private Quoted() {
    }

    /** {@code 'text'}, or {@code 'first 60 characters...' (N characters)}. */
    public static String of(String text) {
        if (text == null) {
            return "(none)";
        }
        if (text.length() <= MAX) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, MAX) + "...' (" + text.length() + " characters)";
    }

    /** A name (a key, a slot) shortened the same way, without quotes. */
    public static String name(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "... (" + text.length() + " characters)";
    }
}
