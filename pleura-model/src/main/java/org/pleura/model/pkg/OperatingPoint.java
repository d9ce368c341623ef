package org.pleura.model.pkg;

/**
 * A score threshold with what it achieved on the validation split.
 *
 * @param threshold   scores at or above it are called
 * @param sensitivity true-positive rate at this threshold on validation
 * @param specificity true-negative rate at this threshold on validation
 */
public record OperatingPoint(double threshold, double sensitivity, double specificity) {

    public OperatingPoint {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
        }
    }
}
