package org.pleura.train.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-image scores of a model: one row per image (keyed by the manifest's {@code path} exactly as written),
 * one column per output id (the finding ids in catalogue order, then {@code abnormal}). What the detector
 * produces over a manifest and what {@code predictions.csv} holds.
 *
 * <pre>{@code
 * ScoreTable.Builder b = ScoreTable.builder(List.of("pneumothorax", "effusion", "abnormal"));
 * b.put("images/a.jpg", new double[] {0.02, 0.71, 0.80});
 * ScoreTable table = b.build();
 * }</pre>
 */
public final class ScoreTable {

  private final List<String> columns;
  private final Map<String, double[]> rows;

  private ScoreTable(List<String> columns, Map<String, double[]> rows) {
    this.columns = List.copyOf(columns);
    this.rows = Collections.unmodifiableMap(rows);
  }

  /**
   * @param columns the output ids, in the order of each row's scores
   * @return a builder
   */
  public static Builder builder(List<String> columns) {
    return new Builder(columns);
  }

  /** @return the output ids */
  public List<String> columns() {
    return columns;
  }

  /** @return the image paths in insertion order */
  public List<String> paths() {
    return List.copyOf(rows.keySet());
  }

  /** @return true when the image has scores */
  public boolean contains(String path) {
    return rows.containsKey(path);
  }

  /** @return the number of images */
  public int size() {
    return rows.size();
  }

  /**
   * @param path the image path as in the manifest
   * @param column an output id
   * @return the score, or empty when the image or the column is absent
   */
  public Optional<Double> score(String path, String column) {
    double[] row = rows.get(path);
    int c = columns.indexOf(column);
    return row == null || c < 0 ? Optional.empty() : Optional.of(row[c]);
  }

  /**
   * @param paths image paths, each present in the table
   * @param column an output id of the table
   * @return the scores of those images in that column, in the given order
   */
  public double[] column(List<String> paths, String column) {
    int c = columns.indexOf(column);
    if (c < 0) {
      throw new IllegalArgumentException("no column '" + column + "' in the score table " + columns);
    }
    double[] out = new double[paths.size()];
    for (int i = 0; i < out.length; i++) {
      double[] row = rows.get(paths.get(i));
      if (row == null) {
        throw new IllegalArgumentException("no scores for image '" + paths.get(i) + "'");
      }
      out[i] = row[c];
    }
    return out;
  }

  /** Collects rows; not thread-safe (synchronise or collect per thread and merge in order). */
  public static final class Builder {
    private final List<String> columns;
    private final Map<String, double[]> rows = new LinkedHashMap<>();

    private Builder(List<String> columns) {
      if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
        throw new IllegalArgumentException("score columns must be distinct and not empty: " + columns);
      }
      this.columns = List.copyOf(columns);
    }

    /**
     * @param path the image path as in the manifest
     * @param scores one score in [0, 1] per column
     * @return this builder
     */
    public Builder put(String path, double[] scores) {
      if (scores.length != columns.size()) {
        throw new IllegalArgumentException(path + ": " + scores.length + " scores for " + columns.size() + " columns");
      }
      for (int i = 0; i < scores.length; i++) {
        if (!(scores[i] >= 0 && scores[i] <= 1)) {
          throw new IllegalArgumentException(path + ": score of " + columns.get(i) + " is " + scores[i]
              + ", not in [0, 1]");
        }
      }
      if (rows.putIfAbsent(path, scores.clone()) != null) {
        throw new IllegalArgumentException("scores for '" + path + "' were given twice");
      }
      return this;
    }

    /** @return the table */
    public ScoreTable build() {
      return new ScoreTable(columns, new LinkedHashMap<>(rows));
    }
  }
}
