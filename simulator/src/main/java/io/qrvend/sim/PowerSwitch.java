package io.qrvend.sim;

/**
 * Counts the engine's journal commits and cuts the power right after a chosen one: the listener that
 * hears of the commit throws, which stops the engine the way a dying process would.
 */
final class PowerSwitch {

    /** Thrown from the engine's listener to stop it the way a power cut would. */
    static final class PowerCut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PowerCut(int commit) {
            super("simulated power cut after journal commit " + commit);
        }
    }

    private int commits;
    private int cutAfterCommit;

    /** Cuts the power right after the {@code n}th journal commit from now (1 = the next one). */
    void cutAfterCommit(int n) {
        cutAfterCommit = commits + n;
    }

    /** A commit was made; throws {@link PowerCut} if it is the chosen one. */
    void committed() {
        commits++;
        if (commits == cutAfterCommit) {
            throw new PowerCut(commits);
        }
    }

    int commits() {
        return commits;
    }
}
