package org.pleura.model.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pleura.image.GrayImage;
import org.pleura.model.DetectionException;
import org.pleura.model.Detector;
import org.pleura.model.inference.NetworkOutput;

/**
 * Checks an image through the model's own eyes: the pooled features of the network's last convolution are compared
 * with those of the training images ({@link FeatureStatistics}); an image much farther from them than held-out
 * chest radiographs are is refused, since the model's scores mean nothing for it. Runs after the forward pass and
 * before any score is shown.
 *
 * <pre>{@code
 * FeatureCheck check = new FeatureCheck(FeatureStatistics.of(pkg).orElseThrow());
 * NetworkOutput out = detector.forward(detector.preprocessor().prepare(image));
 * if (check.check(out.pooled()) instanceof InputVerdict.Refused r) { ... }
 * }</pre>
 */
public final class FeatureCheck {

    private final FeatureStatistics statistics;

    /** A check against the given statistics (with a calibrated threshold). */
    public FeatureCheck(FeatureStatistics statistics) {
        if (Double.isInfinite(statistics.threshold()) || !(statistics.threshold() > 0)) {
            throw new IllegalArgumentException("feature statistics have no calibrated threshold");
        }
        this.statistics = statistics;
    }

    /** The statistics this check uses. */
    public FeatureStatistics statistics() {
        return statistics;
    }

    /** The verdict for one image's pooled features. */
    public InputVerdict check(float[] pooled) {
        if (pooled == null) {
            return InputVerdict.accepted(List.of("the model's engine gave no features: the check against the "
                    + "training images was skipped"));
        }
        double d = statistics.distance(pooled);
        if (d > statistics.threshold()) {
            return new InputVerdict.Refused(InputVerdict.Kind.FEATURES, String.format(Locale.ROOT,
                    "the image does not look like the frontal chest radiographs the model was trained on "
                            + "(feature distance %.2f, limit %.2f)", d, statistics.threshold()));
        }
        return InputVerdict.accepted();
    }

    /** The distance of one image's pooled features (about 1 for training images). */
    public double distance(float[] pooled) {
        return statistics.distance(pooled);
    }

    /** The pooled features of a display-ready image. */
    public static float[] features(Detector detector, GrayImage image) throws DetectionException {
        NetworkOutput out;
        try {
            out = detector.forward(detector.preprocessor().prepare(image));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectionException("interrupted while reading an image", e);
        } catch (Exception e) {
            throw new DetectionException("model " + detector.info().id() + " failed on a " + image.width() + "x"
                    + image.height() + " image: " + e.getMessage(), e);
        }
        if (out.pooled() == null) {
            throw new DetectionException("the " + detector.engine() + " engine gives no pooled features", null);
        }
        return out.pooled();
    }

    /**
     * Computes calibrated statistics for a detector's package: fitted on training images, with the threshold set
     * on held-out chest radiographs (e.g. a manifest's train and val splits).
     *
     * @param components principal axes to keep (e.g. 64)
     * @param quantile   quantile of the held-out distances the threshold starts from (e.g. 0.995)
     * @param margin     factor applied to it (e.g. 1.25)
     */
    public static FeatureStatistics compute(Detector detector, Iterable<GrayImage> train, Iterable<GrayImage> heldOut,
                                            int components, double quantile, double margin) throws DetectionException {
        List<float[]> t = new ArrayList<>();
        for (GrayImage g : train) {
            t.add(features(detector, g));
        }
        List<float[]> h = new ArrayList<>();
        for (GrayImage g : heldOut) {
            h.add(features(detector, g));
        }
        String sha = detector.modelPackage().descriptor().weights() == null ? null
                : detector.modelPackage().descriptor().weights().sha256();
        return FeatureStatistics.fit(t, components, sha).calibrated(h, quantile, margin);
    }
}
