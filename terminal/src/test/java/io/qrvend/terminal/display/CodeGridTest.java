package io.qrvend.terminal.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layout maths for two codes on the panels qrvend supports. Each area is what {@link ScreenPainter}
 * leaves for the codes on that panel: its margin all round, one line of price and product above, the
 * instructions and the countdown below. The codes are an Alipay URL (version 4, 33 modules) and a
 * WeChat Pay one (version 3, 29 modules): cells of 33 + 2 x 4 quiet-zone modules = 41.
 */
class CodeGridTest {
    private static final int CELL_MODULES = 41;

    @Test
    void on480x320TheCodesSitSideBySideAtFivePixelsAModule() {
        // margin 10, lines 20 px: 20 above, 40 below; labels 20 px
        CodeGrid grid = CodeGrid.fit(10, 30, 460, 240, 20, CELL_MODULES, 2);
        assertEquals(CodeGrid.Arrangement.SIDE_BY_SIDE, grid.arrangement());
        assertEquals(5, grid.modulePx(), "6 px would need 2 x 41 x 6 = 492 px of width");
        // 460 - 2 x 205 = 50 px spread as 16 | code | 16 | code | 18, the pair centred under its labels
        assertEquals(List.of(new CodeGrid.Cell(26, 57, 205), new CodeGrid.Cell(247, 57, 205)), grid.cells());
        assertInside(grid, 10, 30, 460, 240);
    }

    @Test
    void on800x480TheCodesSitSideBySideAtSevenPixelsAModule() {
        // margin 16, lines 40 px: 40 above, 80 below; labels 40 px
        CodeGrid grid = CodeGrid.fit(16, 56, 768, 328, 40, CELL_MODULES, 2);
        assertEquals(CodeGrid.Arrangement.SIDE_BY_SIDE, grid.arrangement());
        assertEquals(7, grid.modulePx(), "the height limits it: (328 - 40) / 41 = 7");
        assertEquals(287, grid.cells().get(0).side());
        assertInside(grid, 16, 56, 768, 328);
    }

    @Test
    void onA320x480PortraitPanelTheCodesAreStacked() {
        // margin 10, lines 20 px: 20 above, 60 below (the instructions wrap); labels 20 px
        CodeGrid grid = CodeGrid.fit(10, 30, 300, 380, 20, CELL_MODULES, 2);
        assertEquals(CodeGrid.Arrangement.STACKED, grid.arrangement());
        assertEquals(4, grid.modulePx(), "side by side would be 300 / 82 = 3");
        CodeGrid.Cell first = grid.cells().get(0);
        CodeGrid.Cell second = grid.cells().get(1);
        assertEquals(first.x(), second.x(), "one above the other");
        assertTrue(second.y() >= first.y() + first.side() + grid.labelHeight(), "the second label clears the first code");
        assertInside(grid, 10, 30, 300, 380);
    }

    @Test
    void on240x240TheCodesTakeTurnsInOneCellAtThreePixelsAModule() {
        // margin 8, lines 20 px: 20 above, 60 below; labels 20 px. Both codes at once would be
        // 2 px a module side by side (224 / 82) and 1 px stacked ((144 - 40) / 82).
        CodeGrid grid = CodeGrid.fit(8, 28, 224, 144, 20, CELL_MODULES, 2);
        assertEquals(CodeGrid.Arrangement.ALTERNATING, grid.arrangement());
        assertEquals(3, grid.modulePx());
        assertEquals(1, grid.cells().size());
        assertInside(grid, 8, 28, 224, 144);
    }

    @Test
    void equalModulesEitherWayGoSideBySide() {
        CodeGrid grid = CodeGrid.fit(0, 0, 2 * 41 * 4, 2 * 41 * 4 + 40, 20, CELL_MODULES, 2);
        assertEquals(CodeGrid.Arrangement.SIDE_BY_SIDE, grid.arrangement());
        assertEquals(4, grid.modulePx());
    }

    @Test
    void anAreaTooSmallForOneCodeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeGrid.fit(0, 0, 40, 200, 20, CELL_MODULES, 2));
        assertEquals("a QR code of 41 modules with its quiet zone does not fit in 40x200 pixels", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CodeGrid.fit(0, 0, 400, 400, 20, CELL_MODULES, 1));
    }

    /** Every cell and the label above it lie inside the area, and no two overlap. */
    private static void assertInside(CodeGrid grid, int x, int y, int width, int height) {
        List<CodeGrid.Cell> cells = grid.cells();
        for (int i = 0; i < cells.size(); i++) {
            CodeGrid.Cell c = cells.get(i);
            assertEquals(c.side(), grid.modulePx() * CELL_MODULES, "whole modules");
            assertTrue(c.x() >= x && c.x() + c.side() <= x + width, c + " across " + x + ".." + (x + width));
            assertTrue(c.y() - grid.labelHeight() >= y && c.y() + c.side() <= y + height, c + " down " + y + ".." + (y + height));
            for (int j = 0; j < i; j++) {
                CodeGrid.Cell o = cells.get(j);
                boolean apart = o.x() + o.side() <= c.x() || o.y() + o.side() <= c.y() - grid.labelHeight();
                assertTrue(apart, o + " and " + c + " overlap");
            }
        }
    }
}
