package io.qrvend.sim.campaign;

import io.qrvend.terminal.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The daemon's single network thread in virtual time. Backend calls run one after another, at
 * once; a call whose answer drips in holds the line until the gateway's deadline, as it holds the
 * real thread, and the calls queued behind it wait. A power cut drops the calls not yet sent; a
 * call already on the wire still reaches the backend, and its answer goes to the dead engine.
 */
final class VirtualNetwork implements Executor {
    private final VirtualScheduler time;
    private final CampaignDice dice;
    /** Every wallet's gateway: a dripping call may be to any of them. */
    private final List<ScriptedFaultGateway> gateways;
    private final Duration deadline;
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private boolean busy;
    private long powerCuts;

    VirtualNetwork(VirtualScheduler time, CampaignDice dice, List<ScriptedFaultGateway> gateways, Duration deadline) {
        this.time = time;
        this.dice = dice;
        this.gateways = List.copyOf(gateways);
        this.deadline = deadline;
    }

    @Override
    public void execute(Runnable call) {
        queued.add(call);
        next();
    }

    private void next() {
        while (!busy && !queued.isEmpty()) {
            Runnable call = queued.poll();
            if (dice.roll(FaultKind.DRIP)) {
                busy = true;
                long era = powerCuts;
                time.schedule(deadline, () -> {
                    dripping(call);
                    if (era == powerCuts) {
                        busy = false;
                        next();
                    }
                });
            } else {
                call.run();
            }
        }
    }

    private void dripping(Runnable call) {
        Runnable wrapped = call;
        for (ScriptedFaultGateway gateway : gateways) {
            Runnable inner = wrapped;
            wrapped = () -> gateway.dripping(inner);
        }
        wrapped.run();
    }

    /** The process died: calls not yet sent are gone, and the next process has a free line. */
    void powerCut() {
        queued.clear();
        busy = false;
        powerCuts++;
    }
}
