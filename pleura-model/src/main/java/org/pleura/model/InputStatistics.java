package org.pleura.model;

import java.util.ArrayList;
import java.util.List;
import org.pleura.image.GrayImage;
import org.pleura.model.check.FeatureStatistics;

/**
 * Teaches a model package what its training images look like, for the {@link org.pleura.model.check.FeatureCheck}:
 * the statistics of the model's pooled features on training images, with the refusal threshold set on held-out
 * radiographs of the kind the model reads.
 *
 * <pre>{@code
 * FeatureStatistics stats = InputStatistics.compute(detector, trainImages, heldOutImages, 64, 0.995, 1.25);
 * }</pre>
 */
public final class InputStatistics {

    private InputStatistics() {
    }

    /**
     * @param components principal axes to keep (e.g. 64)
     * @param quantile   quantile of the held-out distances the threshold starts from (e.g. 0.995)
     * @param margin     factor applied to it (e.g. 1.25)
     */
    public static FeatureStatistics compute(Detector detector, Iterable<GrayImage> train, Iterable<GrayImage> heldOut,
                                            int components, double quantile, double margin) throws DetectionException {
        List<float[]> t = new ArrayList<>();
        for (GrayImage g : train) {
            t.add(detector.features(g));
        }
        List<float[]> h = new ArrayList<>();
        for (GrayImage g : heldOut) {
            h.add(detector.features(g));
        }
        String sha = detector.modelPackage().descriptor().weights() == null ? null
                : detector.modelPackage().descriptor().weights().sha256();
        return FeatureStatistics.fit(t, components, sha).calibrated(h, quantile, margin);
    }
}
