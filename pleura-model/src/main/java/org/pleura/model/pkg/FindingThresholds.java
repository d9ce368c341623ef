package org.pleura.model.pkg;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The two thresholds of a finding's three-level call, or the reason the finding is not called at all.
 *
 * @param positive     at or above it a finding is called positive (a false alarm must be rare)
 * @param doubtful     at or above it, below {@code positive}, the finding is called doubtful
 * @param notValidated null when the finding is called; otherwise why its validation evidence was too weak for
 *                     calls (its score is still shown, marked "not validated for calls")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingThresholds(OperatingPoint positive, OperatingPoint doubtful, String notValidated) {

    public FindingThresholds {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(doubtful, "doubtful");
        if (notValidated != null && notValidated.isBlank()) {
            throw new IllegalArgumentException("a finding not validated for calls needs a reason");
        }
    }

    /** Thresholds of a finding that is called. */
    public FindingThresholds(OperatingPoint positive, OperatingPoint doubtful) {
        this(positive, doubtful, null);
    }

    /** Whether the model makes calls on this finding. */
    public boolean validated() {
        return notValidated == null;
    }

    /** The same thresholds, kept for reference, on a finding that is not called for {@code reason}. */
    public FindingThresholds withoutCalls(String reason) {
        return new FindingThresholds(positive, doubtful, reason);
    }

    /** Thresholds without validation figures, e.g. for a model not yet calibrated (sensitivity and specificity NaN). */
    public static FindingThresholds uncalibrated(double positive, double doubtful) {
        return new FindingThresholds(new OperatingPoint(positive, Double.NaN, Double.NaN),
                new OperatingPoint(doubtful, Double.NaN, Double.NaN));
    }
}
