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

    /**
     * How far the image is from the model's training images, relative to the refusal limit (below 1 is accepted;
     * training images are near the bottom of the range); NaN when the gate cannot tell. Lets a caller that asked
     * several models about an image without a header keep the one to which the image looks most typical.
     */
    default double relativeDistance(float[] pooled) {
        return Double.NaN;
    }
}
