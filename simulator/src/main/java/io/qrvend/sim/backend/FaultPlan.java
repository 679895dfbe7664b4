package io.qrvend.sim.backend;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which calls of the simulated gateway go wrong, and how: scripted (the next calls of a method get
 * these faults, in order) or by probability from a seeded random source, so a run can be repeated.
 * Methods are Alipay's names ({@code alipay.trade.query}), the simulated WeChat Pay's calls
 * ({@code wechat.create}, {@code wechat.query}, {@code wechat.close}, {@code wechat.refund},
 * {@code wechat.refund_query}), a whole wallet ({@code alipay.*}, {@code wechat.*}) or {@code *} for
 * every call of both.
 */
public final class FaultPlan {
    /** Short names for the command line. */
    private static final Map<String, String> METHODS = Map.of(
            "precreate", "alipay.trade.precreate",
            "query", "alipay.trade.query",
            "cancel", "alipay.trade.cancel",
            "refund", "alipay.trade.refund",
            "refund.query", "alipay.trade.fastpay.refund.query",
            "alipay.all", "alipay.*",
            "wechat.all", "wechat.*",
            "all", "*");
    /** The simulated WeChat Pay's calls, as the plan names them. */
    public static final List<String> WECHAT_METHODS = List.of("wechat.create", "wechat.query", "wechat.close",
            "wechat.refund", "wechat.refund_query");

    private record Chance(String method, Fault fault, double probability) {
    }

    private final Random random;
    private final Map<String, Deque<Fault>> scripts = new HashMap<>();
    private final List<Chance> chances = new ArrayList<>();
    private final EnumMap<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private Duration latency = Duration.ofMillis(300);
    private Duration hold = Duration.ofSeconds(30);
    private Duration drip = Duration.ofMinutes(2);
    private Duration userpaying = Duration.ofSeconds(20);

    public FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    public static String method(String name) {
        String m = METHODS.get(name.toLowerCase(Locale.ROOT));
        if (m != null) {
            return m;
        }
        if (name.startsWith("alipay.") || WECHAT_METHODS.contains(name) || name.equals("wechat.*")) {
            return name;
        }
        throw new IllegalArgumentException("unknown method '" + name + "'; one of " + new java.util.TreeSet<>(METHODS.keySet())
                + ", " + WECHAT_METHODS + " or alipay.<method>");
    }

    /** The next calls of {@code method} get {@code faults}, one each, in order. */
    public synchronized FaultPlan script(String method, Fault... faults) {
        scripts.computeIfAbsent(method(method), k -> new ArrayDeque<>()).addAll(List.of(faults));
        return this;
    }

    /** Each call of {@code method} gets {@code fault} with this probability. */
    public synchronized FaultPlan chance(String method, Fault fault, double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within 0..1, not " + probability);
        }
        chances.add(new Chance(method(method), fault, probability));
        return this;
    }

    /** Parses {@code METHOD:FAULT[:PROBABILITY]}, e.g. {@code query:timeout:0.1}; no probability means always. */
    public FaultPlan chance(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("fault '" + spec + "' must be METHOD:FAULT[:PROBABILITY]");
        }
        double p;
        try {
            p = parts.length == 3 ? Double.parseDouble(parts[2]) : 1.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + spec + "': '" + parts[2] + "' is not a probability");
        }
        return chance(parts[0], Fault.parse(parts[1]), p);
    }

    public synchronized FaultPlan latency(Duration d) {
        this.latency = d;
        return this;
    }

    /** How long a TIMEOUT holds the request before dropping it. */
    public synchronized FaultPlan hold(Duration d) {
        this.hold = d;
        return this;
    }

    /** How long a DRIP goes on at most when the client stays. */
    public synchronized FaultPlan drip(Duration d) {
        this.drip = d;
        return this;
    }

    /** How long a payment hit by USERPAYING_LASTS reports USERPAYING before SUCCESS. */
    public synchronized FaultPlan userpaying(Duration d) {
        this.userpaying = d;
        return this;
    }

    public synchronized Duration userpaying() {
        return userpaying;
    }

    public synchronized Duration drip() {
        return drip;
    }

    public synchronized Duration latency() {
        return latency;
    }

    public synchronized Duration hold() {
        return hold;
    }

    /** The fault for this call of {@code method}, if any; counted as injected. */
    public synchronized Optional<Fault> next(String method) {
        Fault f = null;
        for (String key : List.of(method, wallet(method), "*")) {
            Deque<Fault> script = scripts.get(key);
            if (f == null && script != null && !script.isEmpty()) {
                f = script.poll();
            }
        }
        for (Chance c : chances) {
            if (f == null && applies(c.method(), method) && random.nextDouble() < c.probability()) {
                f = c.fault();
            }
        }
        if (f != null) {
            injected.merge(f, 1, Integer::sum);
        }
        return Optional.ofNullable(f);
    }

    /** {@code alipay.*} for Alipay's methods, {@code wechat.*} for WeChat Pay's. */
    private static String wallet(String method) {
        int dot = method.indexOf('.');
        return dot < 0 ? method : method.substring(0, dot) + ".*";
    }

    private static boolean applies(String planned, String method) {
        return planned.equals(method) || planned.equals("*") || planned.equals(wallet(method));
    }

    /** How many of each fault were injected so far. */
    public synchronized Map<Fault, Integer> injected() {
        return new EnumMap<>(injected);
    }
}
