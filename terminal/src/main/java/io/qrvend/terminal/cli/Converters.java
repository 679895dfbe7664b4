package io.qrvend.terminal.cli;

import io.qrvend.terminal.config.DurationText;
import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.money.Money;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value forms of both command lines (qrvend and qrvend-sim), named per option with
 * {@code converter = ...}. A bad value throws TypeConversionException, which picocli turns into a
 * usage error naming the option ("Invalid value for option '--price': 'free' is not an amount; ...")
 * and exit 2. Named per option rather than registered for the type: a Duration or LocalDate option
 * that forgot it would otherwise fall back to picocli's ISO forms (PT5S) without anyone noticing;
 * CommandLineConvertersTest checks that every such option names one.
 */
public final class Converters {
    private Converters() {
    }

    /** {@code 500ms}, {@code 90s}, {@code 5m}, {@code 2h}, as in the configuration file. */
    public static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An amount in yuan ({@code 3.50}), as fen. */
    public static final class Yuan implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Money.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A calendar day, {@code YYYY-MM-DD}. */
    public static final class Day implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(Quoted.of(text) + " is not a date (YYYY-MM-DD)");
            }
        }
    }
}
