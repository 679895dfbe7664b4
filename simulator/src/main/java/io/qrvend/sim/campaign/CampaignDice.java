package io.qrvend.sim.campaign;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seed's randomness: the chance of each enabled fault (drawn once per seed) and the rolls, with a
 * count of every fault injected. Everything random in a campaign comes from here, so a seed replays.
 */
final class CampaignDice {
    private final SplittableRandom random;
    private final Map<FaultKind, Double> chance = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);
    private final double backendTotal;

    CampaignDice(long seed, Set<FaultKind> enabled) {
        this.random = new SplittableRandom(seed);
        double total = 0;
        for (FaultKind kind : FaultKind.values()) {
            double p = enabled.contains(kind) ? random.nextDouble() * kind.maxChance() : 0;
            chance.put(kind, p);
            if (FaultKind.BACKEND.contains(kind)) {
                total += p;
            }
        }
        this.backendTotal = total;
    }

    /** Rolls for {@code kind}; counts it when it happens. */
    boolean roll(FaultKind kind) {
        double p = chance.get(kind);
        if (p > 0 && random.nextDouble() < p) {
            injected.merge(kind, 1L, Long::sum);
            return true;
        }
        return false;
    }

    /** One roll for all backend faults of a call: which one happens, or null. */
    FaultKind backendFault() {
        if (backendTotal == 0) {
            return null;
        }
        double r = random.nextDouble();
        for (FaultKind kind : FaultKind.BACKEND) {
            r -= chance.get(kind);
            if (r < 0) {
                injected.merge(kind, 1L, Long::sum);
                return kind;
            }
        }
        return null;
    }

    boolean coin() {
        return random.nextBoolean();
    }

    double uniform() {
        return random.nextDouble();
    }

    /** A whole number in {@code [from, to]}. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    Map<FaultKind, Long> injected() {
        return injected;
    }
}
