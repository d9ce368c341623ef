package org.pleura.model.check;

import java.util.List;
import java.util.Locale;
import org.pleura.model.pkg.InputRules;

/**
 * Checks an image through the model's own eyes: the pooled features of the network's last convolution are compared
 * with those of the training images ({@link FeatureStatistics}); an image much farther from them than held-out
 * chest radiographs are is refused, since the model's scores mean nothing for it. Runs after the forward pass and
 * before any score is shown.
 *
 * <pre>{@code
 * FeatureCheck check = new FeatureCheck(FeatureStatistics.of(pkg).orElseThrow());
 * Detection d = detector.detect(image, check, DetectionStages.NONE);   // refused before any score is made
 * }</pre>
 */
public final class FeatureCheck implements FeatureGate {

    private final FeatureStatistics statistics;
    private final String reads;

    /** A check against the given statistics (with a calibrated threshold), for a model of frontal chest radiographs. */
    public FeatureCheck(FeatureStatistics statistics) {
        this(statistics, InputRules.frontalChest().reads());
    }

    /**
     * A check against the given statistics (with a calibrated threshold).
     *
     * @param reads what the model reads, in words, for the reason of a refusal (e.g. {@code radiographs of the limbs,
     *              shoulder and pelvis}; {@link InputRules#reads()})
     */
    public FeatureCheck(FeatureStatistics statistics, String reads) {
        if (Double.isInfinite(statistics.threshold()) || !(statistics.threshold() > 0)) {
            throw new IllegalArgumentException("feature statistics have no calibrated threshold");
        }
        this.statistics = statistics;
        this.reads = reads;
    }

    /** The statistics this check uses. */
    public FeatureStatistics statistics() {
        return statistics;
    }

    /** The verdict for one image's pooled features. */
    @Override
    public InputVerdict check(float[] pooled) {
        if (pooled == null) {
            return InputVerdict.accepted(List.of("the model's engine gave no features: the check against the "
                    + "training images was skipped"));
        }
        double d = statistics.distance(pooled);
        if (d > statistics.threshold()) {
            return new InputVerdict.Refused(InputVerdict.Kind.FEATURES, String.format(Locale.ROOT,
                    "the image does not look like the %s the model was trained on (feature distance %.2f, limit %.2f)",
                    reads, d, statistics.threshold()));
        }
        return InputVerdict.accepted();
    }

    @Override
    public double relativeDistance(float[] pooled) {
        return pooled == null ? Double.NaN : statistics.distance(pooled) / statistics.threshold();
    }

    /** The distance of one image's pooled features (about 1 for training images). */
    public double distance(float[] pooled) {
        return statistics.distance(pooled);
    }
}
