package org.pleura.model.pkg;

import java.util.Objects;

/**
 * The two thresholds of a finding's three-level call.
 *
 * @param positive chosen for the target specificity (e.g. 0.90): a positive call is rarely a false alarm
 * @param doubtful chosen for the target sensitivity (e.g. 0.90): few true findings fall below it
 */
public record FindingThresholds(OperatingPoint positive, OperatingPoint doubtful) {

    public FindingThresholds {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(doubtful, "doubtful");
    }

    /** Thresholds without validation figures, e.g. for a model not yet calibrated (sensitivity and specificity NaN). */
    public static FindingThresholds uncalibrated(double positive, double doubtful) {
        return new FindingThresholds(new OperatingPoint(positive, Double.NaN, Double.NaN),
                new OperatingPoint(doubtful, Double.NaN, Double.NaN));
    }
}
