package io.qrvend.drivers.gpio;

import java.util.Locale;

/** Which Pi4J provider drives the pins. Chosen by configuration only: a terminal never falls back to mock pins. */
public enum GpioProvider {
    /** libgpiod through {@code /dev/gpiochip*}: the Pi, including the Pi 5, without root. */
    GPIOD,
    /** Pi4J's mock pins: the simulated machine and tests. */
    MOCK;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration value; null when it names no provider. */
    public static GpioProvider parse(String text) {
        for (GpioProvider p : values()) {
            if (p.configName().equals(text)) {
                return p;
            }
        }
        return null;
    }
}
