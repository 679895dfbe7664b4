package io.qrvend.sim.campaign;

import io.qrvend.terminal.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
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
    private final ScriptedFaultGateway gateway;
    private final Duration deadline;
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private boolean busy;
    private long powerCuts;

    VirtualNetwork(VirtualScheduler time, CampaignDice dice, ScriptedFaultGateway gateway, Duration deadline) {
        this.time = time;
        this.dice = dice;
        this.gateway = gateway;
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
                    gateway.dripping(call);
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

    /** The process died: calls not yet sent are gone, and the next process has a free line. */
    void powerCut() {
        queued.clear();
        busy = false;
        powerCuts++;
    }
}
