package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pleura.train.manifest.ManifestEntry;

/**
 * How images are put into subgroups by one manifest column. A column whose values are all whole numbers with more
 * than {@value #MAX_NUMERIC_GROUPS} distinct values (e.g. {@code age}) is cut into bands ({@link #AGE_BANDS}); any
 * other column groups by its value. An image without a value falls in the group {@value #MISSING}.
 *
 * @param column the manifest column
 * @param banded whether numeric values are cut into bands
 */
public record Grouping(String column, boolean banded) {

  /** The group of images without a value. */
  public static final String MISSING = "(missing)";
  /** A numeric column with at most this many distinct values is grouped by value. */
  public static final int MAX_NUMERIC_GROUPS = 12;
  /** Lower bounds of the bands of a numeric column: {@code 0-17, 18-39, 40-59, 60-79, 80+}. */
  public static final int[] AGE_BANDS = {0, 18, 40, 60, 80};

  /** The grouping of a column over these images (banded when numeric with many values). */
  public static Grouping of(String column, List<ManifestEntry> entries) {
    Set<String> values = new LinkedHashSet<>();
    boolean numeric = true;
    for (ManifestEntry e : entries) {
      String v = e.metadata().get(column);
      if (v == null || v.isBlank()) {
        continue;
      }
      values.add(v);
      numeric &= v.strip().matches("-?\\d+");
    }
    return new Grouping(column, numeric && values.size() > MAX_NUMERIC_GROUPS);
  }

  /** The group of an image. */
  public String groupOf(ManifestEntry e) {
    String v = e.metadata().get(column);
    if (v == null || v.isBlank()) {
      return MISSING;
    }
    if (!banded) {
      return v.strip();
    }
    int x;
    try {
      x = Integer.parseInt(v.strip());
    } catch (NumberFormatException ex) {
      return MISSING;
    }
    String band = null;
    for (int i = 0; i < AGE_BANDS.length; i++) {
      if (x >= AGE_BANDS[i]) {
        band = i + 1 < AGE_BANDS.length ? AGE_BANDS[i] + "-" + (AGE_BANDS[i + 1] - 1) : AGE_BANDS[i] + "+";
      }
    }
    return band == null ? MISSING : band;
  }

  /** The groups present among these images, in first-appearance order (bands in ascending order). */
  public List<String> groups(List<ManifestEntry> entries) {
    Set<String> out = new LinkedHashSet<>();
    for (ManifestEntry e : entries) {
      out.add(groupOf(e));
    }
    List<String> list = new ArrayList<>(out);
    list.sort((a, b) -> banded ? Integer.compare(lower(a), lower(b)) : a.compareTo(b));
    return list;
  }

  private static int lower(String band) {
    if (band.equals(MISSING)) {
      return Integer.MAX_VALUE;
    }
    String digits = band.replaceAll("[^0-9].*$", "");
    return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }
}
