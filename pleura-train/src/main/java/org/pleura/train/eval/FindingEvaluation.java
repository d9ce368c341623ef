package org.pleura.train.eval;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pleura.train.manifest.LabelCounts;

/**
 * Every metric of one output on the evaluated images (unknown labels excluded).
 *
 * @param id the output id
 * @param name its display name
 * @param counts positives, negatives and unknown labels among the evaluated images
 * @param auroc the AUROC, empty without both classes
 * @param aurocCi95 its bootstrap 95 % interval, empty without both classes
 * @param roc the ROC curve, empty without both classes
 * @param operatingPoints the model's thresholds on these images, {@code doubtful} then {@code positive}
 *     (empty when the model has none for this output)
 * @param calibration reliability bins and ECE, empty when no image has a known label
 */
public record FindingEvaluation(String id, String name, LabelCounts counts, OptionalDouble auroc,
    Optional<Interval> aurocCi95, Optional<RocCurve> roc, List<OperatingPointResult> operatingPoints,
    Optional<Calibration> calibration) {

  /** Copies the list. */
  public FindingEvaluation {
    operatingPoints = List.copyOf(operatingPoints);
  }
}
