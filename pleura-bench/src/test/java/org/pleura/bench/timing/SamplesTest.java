package org.pleura.bench.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Samples.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Samples.median(new double[] {4, 1, 2, 3}));
        assertEquals(7.0, Samples.median(new double[] {7}));
    }

    @Test
    void nearestRankQuantiles() {
        double[] v = {5, 1, 3, 2, 4};
        assertEquals(3.0, Samples.quantile(v, 0.5));
        assertEquals(5.0, Samples.quantile(v, 0.95));
        assertEquals(1.0, Samples.quantile(v, 0.0));
        assertArrayEquals(new double[] {5, 1, 3, 2, 4}, v, "the input is left as it was");
        assertThrows(IllegalArgumentException.class, () -> Samples.median(new double[0]));
    }
}
