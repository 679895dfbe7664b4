package io.qrvend.terminal.display;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the codes of a payment screen with more than one wallet go: each code in a square cell with
 * its label above it, every cell the same size (the largest code's) and every module the same whole
 * number of pixels, so a phone held at one distance reads either code. The cells are laid side by side or stacked,
 * whichever gives the larger modules (a landscape panel ends up side by side, a portrait one
 * stacked); the space left over is spread evenly between and around them, which keeps the codes
 * apart so a phone aimed at one does not catch the other.
 *
 * <p>When neither arrangement gives every module {@link #MIN_MODULE_PX} pixels (a 240x240 panel),
 * the codes take turns in one cell instead ({@link Arrangement#ALTERNATING}): a code the phone
 * cannot resolve is no offer at all, while one readable code at a time is only a few seconds' wait.
 */
public record CodeGrid(Arrangement arrangement, int modulePx, int labelHeight, List<Cell> cells) {
    /**
     * The smallest module worth offering: at 2 px a 33-module code is 66 px, about 1 cm on a
     * 3.5-inch 480x320 panel, which a phone has to be brought within a few centimetres of to read.
     */
    public static final int MIN_MODULE_PX = 3;

    public enum Arrangement { SIDE_BY_SIDE, STACKED, ALTERNATING }

    /**
     * One code's square at {@code (x, y)}, {@code side} pixels a side: room for the largest of the
     * codes with its quiet zone. Its label goes in the {@code labelHeight} pixels just above it.
     */
    public record Cell(int x, int y, int side) {
    }

    public CodeGrid {
        cells = List.copyOf(cells);
    }

    /**
     * Lays {@code count} codes of at most {@code cellModules} modules a side (quiet zone included)
     * into the area {@code (x, y, width, height)}, each with a label {@code labelHeight} pixels high.
     *
     * @throws IllegalArgumentException if not even one code fits at one pixel per module
     */
    public static CodeGrid fit(int x, int y, int width, int height, int labelHeight, int cellModules, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("a grid is for two codes or more, not " + count);
        }
        int sideBySide = Math.min(width / (count * cellModules), (height - labelHeight) / cellModules);
        int stacked = Math.min(width / cellModules, (height - count * labelHeight) / (count * cellModules));
        if (Math.max(sideBySide, stacked) >= MIN_MODULE_PX) {
            // Equal modules either way: side by side, which reads left to right like the labels.
            return sideBySide >= stacked
                    ? sideBySide(x, y, width, height, labelHeight, sideBySide * cellModules, count, sideBySide)
                    : stacked(x, y, width, height, labelHeight, stacked * cellModules, count, stacked);
        }
        int alone = Math.min(width / cellModules, (height - labelHeight) / cellModules);
        if (alone < 1) {
            throw new IllegalArgumentException("a QR code of " + cellModules + " modules with its quiet zone does not fit in "
                    + width + "x" + height + " pixels");
        }
        CodeGrid single = sideBySide(x, y, width, height, labelHeight, alone * cellModules, 1, alone);
        return new CodeGrid(Arrangement.ALTERNATING, alone, labelHeight, single.cells());
    }

    private static CodeGrid sideBySide(int x, int y, int width, int height, int label, int side, int count, int modulePx) {
        int gap = (width - count * side) / (count + 1);
        int top = y + (height - label - side) / 2 + label;
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cells.add(new Cell(x + gap + i * (side + gap), top, side));
        }
        return new CodeGrid(Arrangement.SIDE_BY_SIDE, modulePx, label, cells);
    }

    private static CodeGrid stacked(int x, int y, int width, int height, int label, int side, int count, int modulePx) {
        int gap = (height - count * (label + side)) / (count + 1);
        int left = x + (width - side) / 2;
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cells.add(new Cell(left, y + gap + i * (label + side + gap) + label, side));
        }
        return new CodeGrid(Arrangement.STACKED, modulePx, label, cells);
    }
}
