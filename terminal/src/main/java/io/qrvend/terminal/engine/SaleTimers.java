package io.qrvend.terminal.engine;

import io.qrvend.terminal.sale.SaleEvent;
import io.qrvend.terminal.sale.TimerKind;
import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.time.Scheduler.Cancellable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Each sale's timers, at most one of each kind: arming a kind again replaces the earlier one, and a
 * timer that fires is delivered to its sale as {@link SaleEvent.TimerFired}. Used on the engine's thread.
 */
final class SaleTimers {
    private final Scheduler scheduler;
    private final BiConsumer<Long, SaleEvent> fired;
    private final Map<Long, EnumMap<TimerKind, Cancellable>> timers = new LinkedHashMap<>();

    SaleTimers(Scheduler scheduler, BiConsumer<Long, SaleEvent> fired) {
        this.scheduler = scheduler;
        this.fired = fired;
    }

    void arm(long saleId, TimerKind kind, Duration delay) {
        EnumMap<TimerKind, Cancellable> forSale = timers.computeIfAbsent(saleId, k -> new EnumMap<>(TimerKind.class));
        Cancellable previous = forSale.put(kind, scheduler.schedule(delay, () -> {
            EnumMap<TimerKind, Cancellable> current = timers.get(saleId);
            if (current != null) {
                current.remove(kind);
            }
            fired.accept(saleId, new SaleEvent.TimerFired(kind));
        }));
        if (previous != null) {
            previous.cancel();
        }
    }

    void cancel(long saleId) {
        EnumMap<TimerKind, Cancellable> forSale = timers.remove(saleId);
        if (forSale != null) {
            forSale.values().forEach(Cancellable::cancel);
        }
    }

    void cancelAll() {
        for (Long id : List.copyOf(timers.keySet())) {
            cancel(id);
        }
    }
}
