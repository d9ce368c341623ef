package org.pleura.image.augment;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.pleura.image.GrayImage;

/**
 * Applies a random geometric (rotation, scale, translation about the centre, bilinear sampling, edges
 * replicated), photometric (gamma, contrast, brightness, noise) and acquisition ({@link AcquisitionSettings}:
 * blur or sharpening, resampling, JPEG, tone curve, redaction boxes) change to a display image with values in
 * [0, 1]. The output has the input's size; the random source makes it reproducible. The geometric part of a draw
 * can be applied to a mask of the same image ({@link Draw#warp}), so that a box drawn on the image moves with it.
 *
 * <pre>{@code
 * RadiographAugmenter aug = new RadiographAugmenter(AugmentationSettings.radiographDefaults(),
 *         AcquisitionSettings.acrossSites());
 * RadiographAugmenter.Draw d = aug.draw(w, h, new Random(seed));
 * float[] seen = d.apply(pixels);
 * float[] boxMask = d.warp(mask);
 * }</pre>
 */
public final class RadiographAugmenter {

    private final AugmentationSettings s;
    private final AcquisitionSettings a;

    /** Geometric and photometric changes only. */
    public RadiographAugmenter(AugmentationSettings settings) {
        this(settings, AcquisitionSettings.none());
    }

    /** Geometric, photometric and acquisition changes. */
    public RadiographAugmenter(AugmentationSettings settings, AcquisitionSettings acquisition) {
        this.s = settings;
        this.a = acquisition;
    }

    /** A randomly perturbed copy of the image. */
    public GrayImage apply(GrayImage image, Random random) {
        return new GrayImage(image.width(), image.height(), apply(image.pixels(), image.width(), image.height(), random));
    }

    /** A randomly perturbed copy of {@code w x h} row-major values in [0, 1]. */
    public float[] apply(float[] pixels, int w, int h, Random random) {
        return draw(w, h, random).apply(pixels);
    }

    /** Draws every random parameter of one perturbation of a {@code w x h} image. */
    public Draw draw(int w, int h, Random random) {
        double angle = Math.toRadians(uniform(random, -s.maxRotationDegrees(), s.maxRotationDegrees()));
        double scale = uniform(random, s.minScale(), s.maxScale());
        double tx = uniform(random, -s.maxTranslation(), s.maxTranslation()) * w;
        double ty = uniform(random, -s.maxTranslation(), s.maxTranslation()) * h;
        boolean flip = s.flipLeftRight() && random.nextBoolean();
        double logGamma = Math.log(s.maxGamma());
        double gamma = Math.exp(uniform(random, -logGamma, logGamma));
        double contrast = 1 + uniform(random, -s.maxContrast(), s.maxContrast());
        double brightness = uniform(random, -s.maxContrast() / 2, s.maxContrast() / 2);
        // acquisition: always drawn in the same order so that a setting at zero does not shift the others
        double blurOrSharpen = random.nextDouble() < a.blurSharpenProbability() ? uniform(random, -1, 1) : 0;
        double resample = random.nextDouble() < a.resampleProbability() ? uniform(random, a.minResampleScale(), 1) : 1;
        int jpegQuality = random.nextDouble() < a.jpegProbability() ? a.minJpegQuality()
                + random.nextInt(96 - a.minJpegQuality()) : 0;
        double curve = random.nextDouble() < a.toneCurveProbability()
                ? uniform(random, -a.maxToneCurveGain(), a.maxToneCurveGain()) : 0;
        double noise = s.noiseSigma() + uniform(random, 0, a.maxNoiseSigma());
        int redactions = random.nextDouble() < a.redactionProbability() ? 1 + random.nextInt(2) : 0;
        int[] boxes = new int[redactions * 4];
        for (int i = 0; i < redactions; i++) {
            int bw = Math.max(1, (int) Math.round(uniform(random, 0.03, Math.max(0.03, a.maxRedactionSide())) * w));
            int bh = Math.max(1, (int) Math.round(uniform(random, 0.02, Math.max(0.02, a.maxRedactionSide() / 2)) * h));
            boxes[i * 4] = random.nextInt(Math.max(1, w - bw));
            boxes[i * 4 + 1] = random.nextInt(Math.max(1, h - bh));
            boxes[i * 4 + 2] = bw;
            boxes[i * 4 + 3] = bh;
        }
        long noiseSeed = random.nextLong();
        return new Draw(w, h, angle, scale, tx, ty, flip, gamma, contrast, brightness, blurOrSharpen * (blurOrSharpen < 0
                ? a.maxBlurSigma() : a.maxSharpenAmount()), resample, jpegQuality, curve, noise, boxes, noiseSeed);
    }

    /**
     * One perturbation's parameters.
     *
     * @param width         image width
     * @param height        image height
     * @param angle         rotation in radians
     * @param scale         zoom factor
     * @param tx            shift in pixels along x
     * @param ty            shift in pixels along y
     * @param flip          mirrored left-right
     * @param gamma         gamma exponent
     * @param contrast      contrast factor about mid-grey
     * @param brightness    brightness shift
     * @param blurOrSharpen negative: Gaussian blur of sigma {@code -value}; positive: unsharp mask of that amount
     * @param resample      intermediate side fraction of a down- and up-sampling (1: none)
     * @param jpegQuality   JPEG round-trip quality (0: none)
     * @param toneCurve     logistic tone-curve gain (0: none; negative flattens the mid-tones)
     * @param noiseSigma    Gaussian noise sigma
     * @param redactions    black rectangles, four values each: x, y, width, height
     * @param noiseSeed     seed of the noise
     */
    public record Draw(int width, int height, double angle, double scale, double tx, double ty, boolean flip,
                       double gamma, double contrast, double brightness, double blurOrSharpen, double resample,
                       int jpegQuality, double toneCurve, double noiseSigma, int[] redactions, long noiseSeed) {

        /** The perturbed copy of an image of this draw's size. */
        public float[] apply(float[] pixels) {
            check(pixels);
            float[] out = warp(pixels);
            if (blurOrSharpen < 0) {
                out = Filters.gaussianBlur(out, width, height, -blurOrSharpen);
            } else if (blurOrSharpen > 0) {
                float[] blurred = Filters.gaussianBlur(out, width, height, 1.0);
                for (int i = 0; i < out.length; i++) {
                    out[i] = clamp(out[i] + (float) blurOrSharpen * (out[i] - blurred[i]));
                }
            }
            if (resample < 1) {
                int sw = Math.max(8, (int) Math.round(width * resample));
                int sh = Math.max(8, (int) Math.round(height * resample));
                out = Filters.resize(Filters.resize(out, width, height, sw, sh), sw, sh, width, height);
            }
            boolean photometric = gamma != 1 || contrast != 1 || brightness != 0 || noiseSigma > 0 || toneCurve != 0;
            if (photometric) {
                Random noise = new Random(noiseSeed);
                double lo = toneCurve == 0 ? 0 : logistic(-0.5 * toneCurve);
                double hi = toneCurve == 0 ? 1 : logistic(0.5 * toneCurve);
                for (int i = 0; i < out.length; i++) {
                    double v = Math.max(0, Math.min(1, out[i]));
                    if (gamma != 1) {
                        v = Math.pow(v, gamma);
                    }
                    if (toneCurve != 0) {
                        v = (logistic((v - 0.5) * toneCurve) - lo) / (hi - lo);
                    }
                    v = (v - 0.5) * contrast + 0.5 + brightness;
                    if (noiseSigma > 0) {
                        v += noise.nextGaussian() * noiseSigma;
                    }
                    out[i] = (float) Math.max(0, Math.min(1, v));
                }
            }
            if (jpegQuality > 0) {
                out = jpegRoundTrip(out, width, height, jpegQuality);
            }
            for (int r = 0; r < redactions.length; r += 4) {
                for (int y = redactions[r + 1]; y < Math.min(height, redactions[r + 1] + redactions[r + 3]); y++) {
                    for (int x = redactions[r]; x < Math.min(width, redactions[r] + redactions[r + 2]); x++) {
                        out[y * width + x] = 0;
                    }
                }
            }
            return out;
        }

        /** Only the geometric part (rotation, scale, shift, flip; bilinear): for masks that follow the image. */
        public float[] warp(float[] values) {
            check(values);
            return geometric(values, width, height, angle, scale, tx, ty, flip);
        }

        private void check(float[] values) {
            if (values.length != width * height) {
                throw new IllegalArgumentException("expected " + width + "x" + height + " values, got " + values.length);
            }
        }
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }

    private static float[] jpegRoundTrip(float[] px, int w, int h, int quality) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] b = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.round(clamp(px[i]) * 255f);
        }
        try {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
            ImageWriter writer = writers.next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(img, null, null), p);
            } finally {
                writer.dispose();
            }
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            float[] out = new float[w * h];
            var raster = back.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = raster.getSample(x, y, 0) / 255f;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip of an augmented image failed", e);
        }
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
