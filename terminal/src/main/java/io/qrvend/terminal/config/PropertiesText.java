package io.qrvend.terminal.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Java properties text read entry by entry with the line each entry starts on, so that a key given
 * twice can be named with both lines (java.util.Properties keeps the last one silently). Logical
 * lines (comments, blank lines, a trailing backslash continuing a line) are found exactly as
 * Properties.load finds them; each logical line is then handed to Properties.load itself, so keys,
 * separators and escapes mean what they always meant.
 */
final class PropertiesText {

    /** One {@code key=value} entry; {@code line} is the first line it is written on, from 1. */
    record Entry(String key, String value, int line) {
    }

    private PropertiesText() {
    }

    /**
     * Decodes UTF-8 strictly: a byte sequence that is not UTF-8 is an IllegalArgumentException
     * naming its line and column, not the decoder's "Input length = 1".
     */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new IllegalArgumentException(String.format("line %d: byte %d of the line (0x%02X) is not UTF-8; save the file as UTF-8",
                    line, at - lineStart + 1, bytes[at] & 0xFF));
        }
        return out.flip().toString();
    }

    /** Every entry in file order, duplicates included; a malformed {@code \\uXXXX} escape is an IllegalArgumentException naming its line. */
    static List<Entry> entries(String text) {
        List<Entry> entries = new ArrayList<>();
        LogicalLines lines = new LogicalLines(text);
        for (String logical = lines.next(); logical != null; logical = lines.next()) {
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lines.startLine() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            }
            if (logical.isEmpty()) {
                // A lone backslash ending the file: Properties.load reads it as an empty key.
                entries.add(new Entry("", "", lines.startLine()));
            }
            for (String key : one.stringPropertyNames()) {
                entries.add(new Entry(key, one.getProperty(key), lines.startLine()));
            }
        }
        return entries;
    }

    /** The logical lines of properties text, following java.util.Properties.LineReader step by step. */
    private static final class LogicalLines {
        private final String text;
        private int pos;
        private int line = 1;
        private int startLine;
        private boolean skipLf;

        LogicalLines(String text) {
            this.text = text;
        }

        /** The line the last returned logical line starts on. */
        int startLine() {
            return startLine;
        }

        /** The next logical line without its continuations' backslashes and indentation; null at the end. */
        String next() {
            StringBuilder buf = new StringBuilder();
            boolean skipWhiteSpace = true;
            boolean appendedLineBegin = false;
            boolean precedingBackslash = false;
            while (true) {
                if (pos >= text.length()) {
                    if (buf.length() == 0) {
                        return null;
                    }
                    return precedingBackslash ? buf.substring(0, buf.length() - 1) : buf.toString();
                }
                char c = text.charAt(pos++);
                if (skipLf) {
                    skipLf = false;
                    if (c == '\n') {
                        continue;
                    }
                }
                if (skipWhiteSpace) {
                    if (c == ' ' || c == '\t' || c == '\f') {
                        continue;
                    }
                    if (!appendedLineBegin && (c == '\r' || c == '\n')) {
                        newLine(c);
                        continue;
                    }
                    skipWhiteSpace = false;
                    appendedLineBegin = false;
                }
                if (buf.length() == 0 && (c == '#' || c == '!')) {
                    while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        pos++;
                    }
                    skipWhiteSpace = true;
                    continue;
                }
                if (c != '\n' && c != '\r') {
                    if (buf.length() == 0) {
                        startLine = line;
                    }
                    buf.append(c);
                    precedingBackslash = c == '\\' && !precedingBackslash;
                    continue;
                }
                newLine(c);
                if (buf.length() == 0) {
                    skipWhiteSpace = true;
                    continue;
                }
                if (pos >= text.length()) {
                    return precedingBackslash ? buf.substring(0, buf.length() - 1) : buf.toString();
                }
                if (!precedingBackslash) {
                    return buf.toString();
                }
                // A backslash at the end of a line continues it; the next line's indentation is dropped.
                buf.setLength(buf.length() - 1);
                skipWhiteSpace = true;
                appendedLineBegin = true;
                precedingBackslash = false;
            }
        }

        private void newLine(char c) {
            line++;
            skipLf = c == '\r';
        }
    }
}
