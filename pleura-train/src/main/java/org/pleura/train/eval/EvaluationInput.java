package org.pleura.train.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;

/**
 * Everything an evaluation needs: the model, the manifest and the images of it to evaluate, the model's
 * scores on them, its operating points, and optionally true boxes with the model's localisation. Build one
 * with {@link #builder}:
 *
 * <pre>{@code
 * EvaluationInput input = EvaluationInput.builder(model, manifest, catalogueIds, scores)
 *     .thresholds(thresholdsById)
 *     .boxes(BoxesFile.read(boxesCsv), new LocalisationPredictions(peaks, boxes))
 *     .build();
 * EvaluationReport.write(outDir, input);
 * }</pre>
 *
 * @param model the model evaluated
 * @param manifest the manifest the images come from
 * @param entries the images meant to be evaluated (all entries, or a split), each either scored or skipped
 * @param subset how {@code entries} were chosen, for the report (e.g. {@code all images}, {@code split test})
 * @param findingIds the finding ids the model reads, in catalogue order (the columns of {@code
 *     predictions.csv} before {@code abnormal})
 * @param displayNames display names by output id (ids without one are shown as is)
 * @param scores the scores, with a column per finding id and {@link #ABNORMAL}
 * @param thresholds the model's operating points by output id (outputs without one get none)
 * @param boxes the true boxes, if any
 * @param localisation the model's peaks and boxes, if any (localisation metrics need both)
 * @param bootstrap how AUROC confidence intervals are drawn
 * @param skipped images of {@code entries} that could not be scored, with the reason
 * @param by manifest columns to measure the model within (subgroups) and to audit for shortcuts
 * @param notValidated outputs the model does not call ("not validated for calls"): no operating point is
 *     applied to them
 */
public record EvaluationInput(ModelSummary model, Manifest manifest, List<ManifestEntry> entries, String subset,
    List<String> findingIds, Map<String, String> displayNames, ScoreTable scores,
    Map<String, OperatingThresholds> thresholds, Optional<BoxesFile> boxes,
    Optional<LocalisationPredictions> localisation, BootstrapSettings bootstrap, Map<String, String> skipped,
    List<String> by, java.util.Set<String> notValidated) {

  /** The study-level output: any finding, evaluated against {@code no_finding = 0}. */
  public static final String ABNORMAL = "abnormal";

  /** Validates that every entry is scored or skipped and that the table has every output, and copies. */
  public EvaluationInput {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(subset, "subset");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(boxes, "boxes");
    Objects.requireNonNull(localisation, "localisation");
    Objects.requireNonNull(bootstrap, "bootstrap");
    entries = List.copyOf(entries);
    findingIds = List.copyOf(findingIds);
    displayNames = Collections.unmodifiableMap(new LinkedHashMap<>(displayNames));
    thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    by = List.copyOf(by);
    notValidated = java.util.Set.copyOf(notValidated);
    for (String id : findingIds) {
      if (!scores.columns().contains(id)) {
        throw new IllegalArgumentException("the score table has no column for finding '" + id + "'");
      }
    }
    if (!scores.columns().contains(ABNORMAL)) {
      throw new IllegalArgumentException("the score table has no '" + ABNORMAL + "' column");
    }
    if (findingIds.contains(ABNORMAL)) {
      throw new IllegalArgumentException("'" + ABNORMAL + "' is the study-level output, not a finding id");
    }
    for (ManifestEntry e : entries) {
      if (!scores.contains(e.path()) && !skipped.containsKey(e.path())) {
        throw new IllegalArgumentException("image '" + e.path() + "' (" + manifest.file() + " line " + e.line()
            + ") has no scores and is not listed as skipped");
      }
    }
  }

  /** @return the entries that have scores, in manifest order */
  public List<ManifestEntry> scoredEntries() {
    return entries.stream().filter(e -> scores.contains(e.path())).toList();
  }

  /** @return the display name of an output id */
  public String displayName(String outputId) {
    return displayNames.getOrDefault(outputId, outputId);
  }

  /**
   * @param model the model evaluated
   * @param manifest the manifest (all its entries are evaluated unless {@link Builder#entries} says otherwise)
   * @param findingIds the model's finding ids in catalogue order
   * @param scores the model's scores
   * @return a builder with no thresholds, no boxes and the default bootstrap
   */
  public static Builder builder(ModelSummary model, Manifest manifest, List<String> findingIds, ScoreTable scores) {
    return new Builder(model, manifest, findingIds, scores);
  }

  /** Builds an {@link EvaluationInput}. */
  public static final class Builder {
    private final ModelSummary model;
    private final Manifest manifest;
    private final List<String> findingIds;
    private final ScoreTable scores;
    private List<ManifestEntry> entries;
    private String subset = "all images";
    private Map<String, String> displayNames = Map.of();
    private Map<String, OperatingThresholds> thresholds = Map.of();
    private Optional<BoxesFile> boxes = Optional.empty();
    private Optional<LocalisationPredictions> localisation = Optional.empty();
    private BootstrapSettings bootstrap = BootstrapSettings.DEFAULT;
    private Map<String, String> skipped = Map.of();
    private List<String> by = List.of();
    private java.util.Set<String> notValidated = java.util.Set.of();

    private Builder(ModelSummary model, Manifest manifest, List<String> findingIds, ScoreTable scores) {
      this.model = model;
      this.manifest = manifest;
      this.findingIds = findingIds;
      this.scores = scores;
      this.entries = manifest.entries();
    }

    /** Evaluates only these entries, described as {@code subset} in the report. */
    public Builder entries(List<ManifestEntry> chosen, String description) {
      this.entries = chosen;
      this.subset = description;
      return this;
    }

    /** Display names by output id. */
    public Builder displayNames(Map<String, String> names) {
      this.displayNames = names;
      return this;
    }

    /** The model's operating points by output id. */
    public Builder thresholds(Map<String, OperatingThresholds> byOutput) {
      this.thresholds = byOutput;
      return this;
    }

    /** True boxes and the model's peaks and boxes. */
    public Builder boxes(BoxesFile truth, LocalisationPredictions predicted) {
      this.boxes = Optional.of(truth);
      this.localisation = Optional.of(predicted);
      return this;
    }

    /** Bootstrap settings for the AUROC intervals. */
    public Builder bootstrap(BootstrapSettings settings) {
      this.bootstrap = settings;
      return this;
    }

    /** Images that could not be scored, path to reason. */
    public Builder skipped(Map<String, String> pathToReason) {
      this.skipped = pathToReason;
      return this;
    }

    /** Manifest columns to measure within and to audit (e.g. {@code source}, {@code view}, {@code sex}, {@code age}). */
    public Builder by(List<String> columns) {
      this.by = columns;
      return this;
    }

    /** Outputs the model does not call. */
    public Builder notValidated(java.util.Set<String> outputs) {
      this.notValidated = outputs;
      return this;
    }

    /** @return the input */
    public EvaluationInput build() {
      return new EvaluationInput(model, manifest, entries, subset, findingIds, displayNames, scores, thresholds,
          boxes, localisation, bootstrap, skipped, by, notValidated);
    }
  }
}
