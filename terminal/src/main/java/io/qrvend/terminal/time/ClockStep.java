package io.qrvend.terminal.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The wall clock jumped: between two checks it moved {@code step} more (or, when negative, less)
 * than the monotonic clock. {@code at} is the wall-clock time just after the step.
 */
public record ClockStep(Instant at, Duration step) {

    /** "+3h00m00s" or "-2m10s", for logs and status. */
    public String describe() {
        Duration abs = step.abs();
        String text = (abs.toHours() > 0 ? abs.toHours() + "h" : "") + String.format("%02dm%02ds", abs.toMinutesPart(), abs.toSecondsPart());
        return (step.isNegative() ? "-" : "+") + text;
    }
}
