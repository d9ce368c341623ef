package org.pleura.image.augment;

/**
 * How strongly {@link RadiographAugmenter} perturbs an image; each parameter is drawn uniformly per image.
 *
 * @param maxRotationDegrees rotation in {@code [-max, max]} degrees
 * @param minScale           smallest zoom factor
 * @param maxScale           largest zoom factor
 * @param maxTranslation     shift in {@code [-max, max]} of the image size, per axis
 * @param maxGamma           gamma in {@code [1 / maxGamma, maxGamma]}
 * @param maxContrast        contrast factor in {@code [1 - max, 1 + max]} around mid-gray, brightness shift in
 *                           {@code [-max / 2, max / 2]}
 * @param noiseSigma         standard deviation of added Gaussian noise (values are in [0, 1])
 * @param flipLeftRight      mirror half of the images left-right (off by default: see the package doc)
 */
public record AugmentationSettings(double maxRotationDegrees, double minScale, double maxScale, double maxTranslation,
                                   double maxGamma, double maxContrast, double noiseSigma, boolean flipLeftRight) {

    public AugmentationSettings {
        if (maxRotationDegrees < 0 || minScale <= 0 || maxScale < minScale || maxTranslation < 0 || maxGamma < 1
                || maxContrast < 0 || maxContrast >= 1 || noiseSigma < 0) {
            throw new IllegalArgumentException("invalid augmentation settings: " + "rotation " + maxRotationDegrees
                    + ", scale " + minScale + ".." + maxScale + ", translation " + maxTranslation + ", gamma " + maxGamma
                    + ", contrast " + maxContrast + ", noise " + noiseSigma);
        }
    }

    /** Rotation 7 degrees, scale 0.9-1.1, translation 6 %, gamma 0.8-1.25, contrast 15 %, noise 0.01, no flip. */
    public static AugmentationSettings radiographDefaults() {
        return new AugmentationSettings(7, 0.9, 1.1, 0.06, 1.25, 0.15, 0.01, false);
    }

    /**
     * Limb, shoulder and pelvis radiographs: rotation 15 degrees, scale 0.85-1.15, translation 8 %, gamma 0.8-1.25,
     * contrast 15 %, noise 0.01, and left-right flips (a left wrist is a mirrored right wrist).
     */
    public static AugmentationSettings limbDefaults() {
        return new AugmentationSettings(15, 0.85, 1.15, 0.08, 1.25, 0.15, 0.01, true);
    }

    /** No change at all (for validation and tests). */
    public static AugmentationSettings none() {
        return new AugmentationSettings(0, 1, 1, 0, 1, 0, 0, false);
    }
}
