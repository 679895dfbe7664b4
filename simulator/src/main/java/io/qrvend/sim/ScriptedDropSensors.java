package io.qrvend.sim;

import io.qrvend.sim.check.Invariants;
import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.journal.Journal;
import io.qrvend.terminal.sale.Sale;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The drop sensors of the model machine, telling the engine that a product fell, except when the
 * script says the sensor misses it; they can also fire with nothing falling. What they got wrong is
 * kept, so the checks do not blame the engine for a lie it was told.
 */
final class ScriptedDropSensors {
    private Predicate<String> misses = order -> false;
    private final Set<String> missedEdges = new HashSet<>();
    private final Set<String> spuriousEdges = new HashSet<>();

    /** From now on the sensor misses the product of an order for which {@code misses} is true. */
    void missWhen(Predicate<String> misses) {
        this.misses = misses;
    }

    /** The product of {@code orderNo} fell from {@code channel}: the sensor of its slot tells {@code engine}, unless scripted to miss it. */
    void fell(String orderNo, int channel, Engine engine, Journal journal) {
        if (misses.test(orderNo)) {
            synchronized (this) {
                missedEdges.add(orderNo);
            }
            return;
        }
        Optional<Slot> slot = journal.catalog().slots().stream().filter(s -> s.channel() == channel).findFirst();
        if (slot.isPresent() && slot.get().sensor()) {
            engine.dropSeen(slot.get().id());
        }
    }

    /** The sensor of {@code slotId} fires with nothing falling; the sale vending there, if any, was lied to. */
    void fireSpuriously(String slotId, Sale vending, Engine engine) {
        if (vending != null && vending.slotId().equals(slotId)) {
            synchronized (this) {
                spuriousEdges.add(vending.orderNo());
            }
        }
        engine.dropSeen(slotId);
    }

    synchronized Invariants.SensorFaults faults() {
        return new Invariants.SensorFaults(Set.copyOf(missedEdges), Set.copyOf(spuriousEdges));
    }
}
