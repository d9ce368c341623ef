package org.pleura.train.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A data set read from a manifest CSV: its entries in file order, which label columns it has and where its
 * splits came from. Read one with {@link ManifestReader}:
 *
 * <pre>{@code
 * Manifest m = ManifestReader.forFindings(List.of("pneumothorax", "effusion")).read(Path.of("manifest.csv"));
 * for (ManifestEntry e : m.entries(Split.VAL)) {
 *   Label l = e.label("effusion");
 * }
 * }</pre>
 *
 * @param file the manifest file
 * @param entries the rows in file order
 * @param labelColumns the label columns present in the header (requested finding ids and {@code
 *     no_finding}), in header order
 * @param splitOrigin whether the splits were read, derived or both
 */
public record Manifest(Path file, List<ManifestEntry> entries, List<String> labelColumns, SplitOrigin splitOrigin) {

  /** The column that says an image has no finding at all; {@code abnormal} is its negation. */
  public static final String NO_FINDING = "no_finding";

  /** Copies the lists. */
  public Manifest {
    Objects.requireNonNull(file, "file");
    entries = List.copyOf(entries);
    labelColumns = List.copyOf(labelColumns);
    Objects.requireNonNull(splitOrigin, "splitOrigin");
  }

  /** @return the entries of one split, in file order */
  public List<ManifestEntry> entries(Split split) {
    return entries.stream().filter(e -> e.split() == split).toList();
  }

  /** @return the folder the relative paths are resolved against */
  public Path folder() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath() : parent;
  }

  /** @return true when the manifest has a label column for the finding id (or {@code no_finding}) */
  public boolean hasLabelColumn(String findingId) {
    return labelColumns.contains(findingId);
  }

  /**
   * @param findingId a finding id or {@code no_finding}
   * @param split the split to count, or {@code null} for all entries
   * @return the positive, negative and unknown counts
   */
  public LabelCounts counts(String findingId, Split split) {
    return countLabels(split, e -> e.label(findingId));
  }

  /** @return the counts of the {@code abnormal} label ({@code no_finding} negated) in a split or all */
  public LabelCounts abnormalCounts(Split split) {
    return countLabels(split, ManifestEntry::abnormalLabel);
  }

  private LabelCounts countLabels(Split split, Function<ManifestEntry, Label> labelOf) {
    int pos = 0;
    int neg = 0;
    int unk = 0;
    for (ManifestEntry e : entries) {
      if (split != null && e.split() != split) {
        continue;
      }
      switch (labelOf.apply(e)) {
        case POSITIVE -> pos++;
        case NEGATIVE -> neg++;
        case UNKNOWN -> unk++;
      }
    }
    return new LabelCounts(pos, neg, unk);
  }
}
