package org.pleura.image.augment;

import java.util.Random;
import org.pleura.image.GrayImage;

/**
 * Applies a random geometric (rotation, scale, translation about the centre, bilinear sampling, edges
 * replicated) and photometric (gamma, contrast, brightness, noise) change to a display image with values in
 * [0, 1]. The output has the input's size; the random source makes it reproducible.
 *
 * <pre>{@code
 * RadiographAugmenter aug = new RadiographAugmenter(AugmentationSettings.radiographDefaults());
 * GrayImage seen = aug.apply(image, new Random(seed));
 * }</pre>
 */
public final class RadiographAugmenter {

    private final AugmentationSettings s;

    public RadiographAugmenter(AugmentationSettings settings) {
        this.s = settings;
    }

    /** A randomly perturbed copy of the image. */
    public GrayImage apply(GrayImage image, Random random) {
        return new GrayImage(image.width(), image.height(), apply(image.pixels(), image.width(), image.height(), random));
    }

    /** A randomly perturbed copy of {@code w x h} row-major values in [0, 1]. */
    public float[] apply(float[] pixels, int w, int h, Random random) {
        double angle = Math.toRadians(uniform(random, -s.maxRotationDegrees(), s.maxRotationDegrees()));
        double scale = uniform(random, s.minScale(), s.maxScale());
        double tx = uniform(random, -s.maxTranslation(), s.maxTranslation()) * w;
        double ty = uniform(random, -s.maxTranslation(), s.maxTranslation()) * h;
        boolean flip = s.flipLeftRight() && random.nextBoolean();
        double logGamma = Math.log(s.maxGamma());
        double gamma = Math.exp(uniform(random, -logGamma, logGamma));
        double contrast = 1 + uniform(random, -s.maxContrast(), s.maxContrast());
        double brightness = uniform(random, -s.maxContrast() / 2, s.maxContrast() / 2);

        float[] out = geometric(pixels, w, h, angle, scale, tx, ty, flip);
        boolean photometric = gamma != 1 || contrast != 1 || brightness != 0 || s.noiseSigma() > 0;
        if (photometric) {
            for (int i = 0; i < out.length; i++) {
                double v = Math.max(0, Math.min(1, out[i]));
                if (gamma != 1) {
                    v = Math.pow(v, gamma);
                }
                v = (v - 0.5) * contrast + 0.5 + brightness;
                if (s.noiseSigma() > 0) {
                    v += random.nextGaussian() * s.noiseSigma();
                }
                out[i] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return out;
    }

    private static float[] geometric(float[] src, int w, int h, double angle, double scale, double tx, double ty,
                                     boolean flip) {
        if (angle == 0 && scale == 1 && tx == 0 && ty == 0 && !flip) {
            return src.clone();
        }
        float[] out = new float[w * h];
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        for (int y = 0; y < h; y++) {
            double dy = y - cy - ty;
            for (int x = 0; x < w; x++) {
                double dx = x - cx - tx;
                // inverse rotation and scaling of the output position gives the source position
                double sx = cos * dx + sin * dy + cx;
                double sy = -sin * dx + cos * dy + cy;
                if (flip) {
                    sx = w - 1 - sx;
                }
                out[y * w + x] = bilinear(src, w, h, sx, sy);
            }
        }
        return out;
    }

    private static float bilinear(float[] src, int w, int h, double x, double y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = src[y0 * w + x0] * (1 - fx) + src[y0 * w + x1] * fx;
        double bottom = src[y1 * w + x0] * (1 - fx) + src[y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static double uniform(Random r, double lo, double hi) {
        return hi == lo ? lo : lo + (hi - lo) * r.nextDouble();
    }
}
