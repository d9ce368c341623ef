package org.pleura.model.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.pleura.image.GrayImage;
import org.pleura.model.pkg.Preprocessing;

/**
 * Display-ready image to network input: stretch to {@code inputSize x inputSize}, then per-image
 * standardization. Training applies {@link #standardize} to its augmented images so that training and inference
 * see the same distribution.
 *
 * <pre>{@code
 * Preprocessor pre = new Preprocessor(Preprocessing.of(256));
 * float[] input = pre.prepare(radiograph.display());     // 256 * 256 values, mean 0, sd 1
 * }</pre>
 */
public final class Preprocessor {

    private static final float MIN_STD = 1e-3f;

    private final Preprocessing spec;

    public Preprocessor(Preprocessing spec) {
        this.spec = spec;
    }

    /** The preprocessing this applies. */
    public Preprocessing spec() {
        return spec;
    }

    /** The image resized to the input size (values still in [0, 1]). */
    public GrayImage resize(GrayImage image) {
        int s = spec.inputSize();
        return image.width() == s && image.height() == s ? image : image.resize(s, s);
    }

    /** Network input values for an image: resized and standardized, row-major. */
    public float[] prepare(GrayImage image) {
        return standardize(resize(image).pixels());
    }

    /** The input as a {@code (1, S, S)} tensor (channel first, no batch axis). */
    public NDArray toTensor(NDManager manager, GrayImage image) {
        int s = spec.inputSize();
        return manager.create(prepare(image), new Shape(1, s, s));
    }

    /**
     * A standardized copy: mean 0 and standard deviation 1 (a flat image, whose deviation is below 1e-3, only has
     * its mean removed, so blank images give zeros rather than amplified noise).
     */
    public static float[] standardize(float[] pixels) {
        double sum = 0;
        double sq = 0;
        for (float v : pixels) {
            sum += v;
            sq += (double) v * v;
        }
        int n = pixels.length;
        double mean = sum / n;
        double var = Math.max(0, sq / n - mean * mean);
        float sd = (float) Math.max(Math.sqrt(var), MIN_STD);
        float m = (float) mean;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (pixels[i] - m) / sd;
        }
        return out;
    }
}
