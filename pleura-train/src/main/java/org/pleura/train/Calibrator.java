package org.pleura.train;

import java.util.Optional;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.OperatingPoint;
import org.pleura.train.eval.OperatingPoints;
import org.pleura.train.eval.ScoredLabels;
import org.pleura.train.eval.ThresholdChoice;

/**
 * Chooses a finding's {@code doubtful} and {@code positive} thresholds on validation scores with the evaluation
 * code's {@link OperatingPoints}: {@code doubtful} is the highest threshold reaching the target sensitivity,
 * {@code positive} the lowest reaching the target specificity. When a weak model makes the doubtful threshold
 * exceed the positive one, the doubtful band is empty: both become the positive threshold.
 */
public final class Calibrator {

    private Calibrator() {
    }

    /**
     * @param validation  validation scores and known labels of one output
     * @param sensitivity target sensitivity of {@code doubtful}
     * @param specificity target specificity of {@code positive}
     * @return the thresholds, or empty when validation lacks positives or negatives
     */
    public static Optional<FindingThresholds> thresholds(ScoredLabels validation, double sensitivity, double specificity) {
        Optional<ThresholdChoice> doubtful = OperatingPoints.forSensitivity(validation, sensitivity);
        Optional<ThresholdChoice> positive = OperatingPoints.forSpecificity(validation, specificity);
        if (doubtful.isEmpty() || positive.isEmpty()) {
            return Optional.empty();
        }
        OperatingPoint p = point(positive.get());
        OperatingPoint d = point(doubtful.get());
        if (d.threshold() > p.threshold()) {
            d = p;
        }
        return Optional.of(new FindingThresholds(p, d));
    }

    private static OperatingPoint point(ThresholdChoice c) {
        double t = Math.max(0, Math.min(1, c.threshold()));
        return new OperatingPoint(t, c.sensitivity(), c.specificity());
    }
}
