package io.qrvend.terminal.cli;

import io.qrvend.terminal.config.DurationText;
import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.payment.Wallet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
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

    /** {@code alipay=TEXT}: one wallet's payment code, labelled with the wallet's name as the screen shows it. */
    public static final class WalletQr implements ITypeConverter<Screen.WalletCode> {
        @Override
        public Screen.WalletCode convert(String text) {
            int equals = text.indexOf('=');
            if (equals < 1 || equals == text.length() - 1) {
                throw new TypeConversionException(Quoted.of(text) + " is not WALLET=TEXT, e.g. alipay=https://qr.alipay.com/...");
            }
            String key = text.substring(0, equals);
            Wallet wallet = Wallet.byKey(key).orElseThrow(() -> new TypeConversionException(Quoted.of(key) + " is not a wallet ("
                    + Arrays.stream(Wallet.values()).map(Wallet::key).collect(Collectors.joining(", ")) + ")"));
            return new Screen.WalletCode(wallet.label(), text.substring(equals + 1));
        }
    }

    /** A panel's size in pixels, {@code 480x320}. */
    public static final class PanelSize implements ITypeConverter<Panel> {
        @Override
        public Panel convert(String text) {
            String[] sides = text.split("x", -1);
            if (sides.length != 2 || !sides[0].matches("[0-9]{1,5}") || !sides[1].matches("[0-9]{1,5}")) {
                throw new TypeConversionException(Quoted.of(text) + " is not WIDTHxHEIGHT in pixels, e.g. 480x320");
            }
            int width = Integer.parseInt(sides[0]);
            int height = Integer.parseInt(sides[1]);
            if (width > Panel.MAX_SIDE || height > Panel.MAX_SIDE) {
                throw new TypeConversionException(Quoted.of(text) + " is larger than " + Panel.MAX_SIDE + "x" + Panel.MAX_SIDE);
            }
            return new Panel(width, height);
        }
    }

    /** A panel's size in pixels, as {@link PanelSize} reads it. */
    public record Panel(int width, int height) {
        static final int MAX_SIDE = 8192;
    }
}
