package io.qrvend.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void percentilesAreNearestRankValuesThatWereMeasured() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            values.add((double) i);
        }
        Collections.shuffle(values, new java.util.Random(7));
        Figures f = Figures.of(values);
        assertEquals(200, f.count());
        assertEquals(100, f.p50());
        assertEquals(180, f.p90());
        assertEquals(198, f.p99());
        assertEquals(200, f.max());
        assertEquals(100.5, f.mean(), 1e-9);
        assertEquals(7, Figures.of(List.of(7.0)).p99());
        assertThrows(IllegalArgumentException.class, () -> Figures.of(List.of()));
    }

    @Test
    void histogramHasARowPerBinAndScalesToTheFullest() {
        String h = Figures.histogram(List.of(10.0, 60.0, 70.0, 80.0, 149.0), 50, "ms", 30);
        String[] rows = h.split("\n");
        assertEquals(3, rows.length);
        assertTrue(rows[0].endsWith("|" + "#".repeat(10) + " ".repeat(20) + " 1"), rows[0]);
        assertTrue(rows[1].contains("#".repeat(30) + " 3"), rows[1]);
        assertTrue(rows[2].startsWith("  100-150"), rows[2]);
    }
}
