package org.pleura.model.check;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method (rotations until every
 * off-diagonal element is negligible). Plenty fast for the few hundred dimensions of a network's pooled features.
 */
final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, largest first. */
    final double[] values;
    /** {@code vectors[i]} is the unit eigenvector of {@code values[i]}. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes a symmetric matrix (only read, not changed). */
    static SymmetricEigen of(double[][] symmetric) {
        int n = symmetric.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = symmetric[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-22 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    rotate(a, v, p, q, c, s, n);
                }
            }
        }
        double[] values = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sortedValues = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int col = order[k];
            sortedValues[k] = values[col];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][col];
            }
        }
        return new SymmetricEigen(sortedValues, vectors);
    }

    private static void rotate(double[][] a, double[][] v, int p, int q, double c, double s, int n) {
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
