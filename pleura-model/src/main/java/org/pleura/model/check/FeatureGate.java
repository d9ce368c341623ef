package org.pleura.model.check;

/**
 * A check between a model's forward pass and its calls: it sees the image through the model's own pooled features
 * and may refuse it before any score is shown (see {@link FeatureCheck}).
 */
@FunctionalInterface
public interface FeatureGate {

    /** Lets every image through without a warning. */
    FeatureGate NONE = pooled -> InputVerdict.accepted();

    /** The verdict for one image's pooled features ({@code null} when the engine gave none). */
    InputVerdict check(float[] pooled);
}
