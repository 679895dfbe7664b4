package io.qrvend.terminal.sale;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.sale.Effect.Show;
import io.qrvend.terminal.sale.SaleEvent.TimerFired;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The steps one event causes, each starting from the previous one's sale; and what the rules share. */
final class Steps {
    LiveSale live;
    /** The monotonic clock when the event happened, for durations within this process. */
    final long nanos;
    final List<Decision> decisions = new ArrayList<>();

    Steps(LiveSale start, long nanos) {
        live = start;
        this.nanos = nanos;
    }

    /** A journaled step. Returns these steps, so a rule can be one expression. */
    Steps to(LiveSale next, String cause, Effect... effects) {
        live = next;
        decisions.add(new Decision(next, cause, List.of(effects), false));
        return this;
    }

    /**
     * A journaled step that also takes one item out of the sale's slot, in the same commit: the
     * product left the machine, so stock and sale can never disagree after a power cut.
     */
    Steps toTakingItem(LiveSale next, String cause, Effect... effects) {
        live = next;
        decisions.add(new Decision(next, cause, List.of(effects), true));
        return this;
    }

    /** A step that changes only what lives in memory. */
    Steps stay(LiveSale next, Effect... effects) {
        live = next;
        decisions.add(new Decision(next, null, List.of(effects), false));
        return this;
    }

    /** No step: the event changes nothing (a late or duplicate answer that is not a fact). */
    Steps unchanged() {
        return this;
    }

    static boolean isTimer(SaleEvent e, TimerKind kind) {
        return e instanceof TimerFired t && t.kind() == kind;
    }

    static Show notice(String message) {
        return new Show(new Screen.Notice(message));
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static Instant first(Instant... candidates) {
        for (Instant i : candidates) {
            if (i != null) {
                return i;
            }
        }
        throw new IllegalStateException("no time known");
    }
}
