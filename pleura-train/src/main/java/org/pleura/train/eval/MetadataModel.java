package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * L2-regularised logistic regression on one-hot encoded categorical columns, fitted exactly by Newton's method:
 * minimises {@code sum_i logloss_i + ||w||^2 / (2 C)} with an unpenalised intercept (scikit-learn's
 * {@code LogisticRegression(C)} objective). Categories first seen outside the training rows encode as all zeros
 * (scikit-learn's {@code OneHotEncoder(handle_unknown='ignore')}). What "metadata alone" can predict.
 */
final class MetadataModel {

    private final List<Map<String, Integer>> encoders;
    private final int features;
    private final double[] weights;

    private MetadataModel(List<Map<String, Integer>> encoders, int features, double[] weights) {
        this.encoders = encoders;
        this.features = features;
        this.weights = weights;
    }

    /**
     * @param rows   the training rows' categorical values, one array of columns per row
     * @param labels the training labels
     * @param c      inverse regularisation strength
     */
    static MetadataModel fit(List<String[]> rows, List<Boolean> labels, double c) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).length;
        List<Map<String, Integer>> encoders = new ArrayList<>();
        int features = 0;
        for (int j = 0; j < columns; j++) {
            Map<String, Integer> enc = new HashMap<>();
            List<String> seen = new ArrayList<>();
            for (String[] r : rows) {
                if (!enc.containsKey(r[j])) {
                    enc.put(r[j], -1);
                    seen.add(r[j]);
                }
            }
            seen.sort(null);
            for (String v : seen) {
                enc.put(v, features++);
            }
            encoders.add(enc);
        }
        int d = features + 1; // last weight: intercept
        double[] w = new double[d];
        int n = rows.size();
        int[][] active = new int[n][];
        for (int i = 0; i < n; i++) {
            active[i] = encode(encoders, rows.get(i));
        }
        for (int iter = 0; iter < 100; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int i = 0; i < n; i++) {
                double z = w[features];
                for (int f : active[i]) {
                    z += w[f];
                }
                double p = 1 / (1 + Math.exp(-z));
                double r = p - (labels.get(i) ? 1 : 0);
                double s = p * (1 - p);
                int[] idx = withIntercept(active[i], features);
                for (int a : idx) {
                    grad[a] += r;
                    for (int b : idx) {
                        hess[a][b] += s;
                    }
                }
            }
            for (int f = 0; f < features; f++) {
                grad[f] += w[f] / c;
                hess[f][f] += 1 / c;
            }
            double[] step = solve(hess, grad);
            double norm = 0;
            for (int k = 0; k < d; k++) {
                w[k] -= step[k];
                norm = Math.max(norm, Math.abs(step[k]));
            }
            if (norm < 1e-12) {
                break;
            }
        }
        return new MetadataModel(encoders, features, w);
    }

    /** The predicted probability for a row. */
    double predict(String[] row) {
        double z = weights[features];
        for (int f : encode(encoders, row)) {
            z += weights[f];
        }
        return 1 / (1 + Math.exp(-z));
    }

    private static int[] encode(List<Map<String, Integer>> encoders, String[] row) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < encoders.size(); j++) {
            Integer f = encoders.get(j).get(row[j]);
            if (f != null && f >= 0) {
                out.add(f);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] withIntercept(int[] active, int intercept) {
        int[] out = java.util.Arrays.copyOf(active, active.length + 1);
        out[active.length] = intercept;
        return out;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting ({@code a} is symmetric positive definite). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double p = m[col][col];
            if (Math.abs(p) < 1e-300) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                if (r == col) {
                    continue;
                }
                double f = m[r][col] / p;
                if (f != 0) {
                    for (int k = col; k <= n; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(m[i][i]) < 1e-300 ? 0 : m[i][n] / m[i][i];
        }
        return x;
    }
}
