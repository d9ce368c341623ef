package org.pleura.model.check;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void eigenpairsSatisfyTheDefinitionAndAreSortedAndOrthonormal() {
        Random rnd = new Random(7);
        int n = 40;
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        for (int k = 0; k < n; k++) {
            double[] v = e.vectors[k];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(e.values[k] * v[i], av, 1e-8 * Math.max(1, Math.abs(e.values[0])), "A v = lambda v");
            }
            if (k > 0) {
                assertTrue(e.values[k] <= e.values[k - 1], "sorted, largest first");
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * e.vectors[k - 1][i];
                }
                assertEquals(0, dot, 1e-9);
            }
        }
        assertTrue(e.values[n - 1] > -1e-9, "a Gram matrix has no negative eigenvalue");
    }

    @Test
    void diagonalMatrixGivesItsDiagonal() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 3}});
        assertArrayEquals(new double[] {5, 3, 1}, e.values, 1e-12);
        assertEquals(1, Math.abs(e.vectors[0][1]), 1e-12);
    }
}
