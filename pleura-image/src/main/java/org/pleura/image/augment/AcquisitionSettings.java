package org.pleura.image.augment;

/**
 * How strongly {@link RadiographAugmenter} imitates differences of acquisition and processing between sites and
 * public subsets, the differences a model can learn instead of the finding: sharpness (detector, processing,
 * resizing filter), resolution (resampled images), compression (JPEG), tone curves (vendor look-up tables), noise
 * (dose) and burnt-in redaction boxes. Each is applied to an image with its probability, with a strength drawn
 * uniformly.
 *
 * @param blurSharpenProbability chance of a blur or a sharpening (one or the other, equally likely)
 * @param maxBlurSigma           Gaussian blur sigma in {@code (0, max]} pixels of the image
 * @param maxSharpenAmount       unsharp-mask amount in {@code (0, max]} (sigma 1 pixel)
 * @param resampleProbability    chance of a down- and up-sampling
 * @param minResampleScale       the intermediate size is {@code [min, 1)} of the image side
 * @param jpegProbability        chance of a JPEG round trip
 * @param minJpegQuality         quality in {@code [min, 95]}
 * @param toneCurveProbability   chance of an S-shaped (or inverse S) tone curve
 * @param maxToneCurveGain       logistic gain in {@code [-max, max]} around mid-grey (0: identity)
 * @param maxNoiseSigma          Gaussian noise sigma in {@code [0, max]} (values in [0, 1]), every image
 * @param redactionProbability   chance of one or two black rectangles (as burnt-in anonymisation boxes)
 * @param maxRedactionSide       largest rectangle side as a fraction of the image side
 */
public record AcquisitionSettings(double blurSharpenProbability, double maxBlurSigma, double maxSharpenAmount,
                                  double resampleProbability, double minResampleScale, double jpegProbability,
                                  int minJpegQuality, double toneCurveProbability, double maxToneCurveGain,
                                  double maxNoiseSigma, double redactionProbability, double maxRedactionSide) {

    public AcquisitionSettings {
        if (!probability(blurSharpenProbability) || !probability(resampleProbability) || !probability(jpegProbability)
                || !probability(toneCurveProbability) || !probability(redactionProbability) || maxBlurSigma < 0
                || maxSharpenAmount < 0 || !(minResampleScale > 0 && minResampleScale <= 1) || minJpegQuality < 5
                || minJpegQuality > 95 || maxToneCurveGain < 0 || maxNoiseSigma < 0
                || !(maxRedactionSide >= 0 && maxRedactionSide < 1)) {
            throw new IllegalArgumentException("invalid acquisition settings: " + this);
        }
    }

    private static boolean probability(double p) {
        return p >= 0 && p <= 1;
    }

    /** Nothing imitated. */
    public static AcquisitionSettings none() {
        return new AcquisitionSettings(0, 0, 0, 0, 1, 0, 95, 0, 0, 0, 0, 0);
    }

    /**
     * The settings the chest model is trained with: blur up to 1.5 px or sharpening up to 1.0 (half the images),
     * resampling to 40-100 % (30 %), JPEG quality 30-95 (30 %), tone curves of gain up to 4 (30 %), noise up to
     * 0.02, redaction boxes up to 15 % of the side (20 %).
     */
    public static AcquisitionSettings acrossSites() {
        return new AcquisitionSettings(0.5, 1.5, 1.0, 0.3, 0.4, 0.3, 30, 0.3, 4, 0.02, 0.2, 0.15);
    }
}
