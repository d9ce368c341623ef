package org.pleura.train.manifest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a manifest.
 *
 * @param path the {@code path} cell exactly as written in the manifest (used as the image's key in
 *     {@code predictions.csv})
 * @param resolvedPath the image file: {@code path} resolved against the manifest's folder (or as is when
 *     absolute), normalised
 * @param patientId the {@code patient_id} cell, empty when absent or blank
 * @param split the {@code split} cell, or the split derived from the patient when the manifest has none
 * @param metadata the non-blank optional metadata cells by column name ({@code view}, {@code sex},
 *     {@code age}, {@code source})
 * @param labels the label of each label column the manifest has (finding ids and {@code no_finding});
 *     findings without a column are absent here and read as {@link Label#UNKNOWN} by {@link #label}
 * @param line the 1-based line of the row in the manifest, for messages
 */
public record ManifestEntry(
    String path,
    Path resolvedPath,
    Optional<String> patientId,
    Split split,
    Map<String, String> metadata,
    Map<String, Label> labels,
    int line) {

  /** Validates and copies. */
  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(resolvedPath, "resolvedPath");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(split, "split");
    metadata = Map.copyOf(metadata);
    labels = Map.copyOf(labels);
  }

  /**
   * @param findingId a finding id or {@code no_finding}
   * @return the label for that finding, {@link Label#UNKNOWN} when the manifest has no such column
   */
  public Label label(String findingId) {
    return labels.getOrDefault(findingId, Label.UNKNOWN);
  }

  /**
   * The label of the study-level {@code abnormal} output: positive when {@code no_finding} is 0, negative
   * when it is 1, unknown when it is unknown.
   *
   * @return the abnormal label derived from {@code no_finding}
   */
  public Label abnormalLabel() {
    return switch (label(Manifest.NO_FINDING)) {
      case POSITIVE -> Label.NEGATIVE;
      case NEGATIVE -> Label.POSITIVE;
      case UNKNOWN -> Label.UNKNOWN;
    };
  }

  /**
   * @return the key patients are grouped by for splitting: {@code patient:<id>}, or {@code path:<path>}
   *     when the row has no patient id (an image alone is its own patient)
   */
  public String patientKey() {
    return patientId.map(p -> "patient:" + p).orElse("path:" + path);
  }

  /** @return a copy with another split */
  public ManifestEntry withSplit(Split newSplit) {
    return new ManifestEntry(path, resolvedPath, patientId, newSplit, metadata, labels, line);
  }
}
