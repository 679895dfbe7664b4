package io.qrvend.sim.campaign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a campaign can do wrong to the terminal. Each seed draws its own probability for each kind it
 * enables, up to {@link #maxChance}, so some seeds are calm and some are storms.
 */
public enum FaultKind {
    /** A backend call whose answer never comes; the backend may have acted on it. */
    TIMEOUT(0.05),
    /** The connection drops; the backend may have acted on it. */
    RESET(0.05),
    /** HTTP 500 before the backend acted. */
    HTTP_500(0.05),
    /** Alipay's 20000 "service unavailable". */
    UNAVAILABLE(0.05),
    /** ACQ.SYSTEM_ERROR. */
    SYSTEM_ERROR(0.05),
    /** An answer cut off halfway: acted on, unreadable. */
    GARBLED(0.05),
    /** An answer with a wrong signature (e.g. a forged "paid"): acted on or not, rejected. */
    FORGED(0.05),
    /** WeChat Pay's answer without signature headers: acted on or not, rejected. */
    UNSIGNED(0.05),
    /** An answer validly signed 6 minutes ago (a replay): acted on or not, rejected. */
    OLD_TIMESTAMP(0.05),
    /** A duplicate: the previous answer to the same call again, possibly out of date. */
    STALE(0.05),
    /** The customer pays at the deadline, during the cancel, or minutes late. */
    LATE_PAYMENT(0.3),
    /** With two codes on the screen the customer pays both, a few seconds apart, or one during the other's close. */
    PAY_BOTH(0.2),
    /** A WeChat Pay payment stays USERPAYING (the bank confirming) for up to 40 s before it succeeds. */
    USERPAYING_LASTS(0.3),
    /** The relay board reports a fault on the pulse. */
    RELAY_FAULT(0.1),
    /** The motor turns and nothing falls. */
    JAM(0.15),
    /** The product falls and the drop sensor does not see it. */
    MISSED_DROP(0.1),
    /** The drop sensor fires with nothing falling. */
    SPURIOUS_DROP(0.1),
    /** Power cut right after a journal commit, before its effects; restart after a random downtime. */
    CRASH(0.05),
    /** The wall clock steps minutes either way (NTP after boot). */
    CLOCK_STEP(0.05),
    /**
     * A backend call whose answer drips in: carried out, but the network thread is held until the
     * gateway's deadline and the answer is unknown; the calls behind it wait (see VirtualNetwork).
     */
    DRIP(0.05);

    private final double maxChance;

    FaultKind(double maxChance) {
        this.maxChance = maxChance;
    }

    public double maxChance() {
        return maxChance;
    }

    /** The backend faults, rolled on every gateway call (DRIP is rolled by the network, which it holds). */
    public static final Set<FaultKind> BACKEND = EnumSet.range(TIMEOUT, STALE);

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code all}, or a comma-separated list of labels such as {@code timeout,jam,crash}. */
    public static Set<FaultKind> parse(String text) {
        if (text.equals("all")) {
            return EnumSet.allOf(FaultKind.class);
        }
        if (text.equals("none")) {
            return EnumSet.noneOf(FaultKind.class);
        }
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String part : text.split(",")) {
            try {
                kinds.add(valueOf(part.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault '" + part + "'; use all, none or some of "
                        + EnumSet.allOf(FaultKind.class).stream().map(FaultKind::label).toList());
            }
        }
        return kinds;
    }
}
