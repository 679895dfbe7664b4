package io.qrvend.drivers.input;

/** A line became active (pressed, beam broken, door open) or inactive again. */
public record InputEdge(String line, boolean active) {
}
