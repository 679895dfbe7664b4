package io.qrvend.terminal.journal;

/** How hard a commit waits for the disk. */
public enum Durability {
    /** {@code synchronous=FULL}: a committed transition survives a power cut. The daemon's only mode. */
    FULL,
    /**
     * {@code synchronous=OFF}: for fault campaigns on tmpfs, whose simulated crashes are process
     * crashes (which lose nothing SQLite has handed to the OS) and never power cuts.
     */
    OFF
}
