package org.pleura.model.pkg;

/**
 * What a picture must look like for a model to read it (its {@link org.pleura.model.check.PictureCheck}): shortest
 * side, shape, spread of values, fractions of black and white, smoothness and fine structure. Set on the model's own
 * training images so that none of them is refused. Part of a package's {@link InputRules}.
 *
 * @param minSide       shortest accepted side in pixels
 * @param minAspect     smallest accepted width / height
 * @param maxAspect     largest accepted width / height
 * @param minRange      smallest accepted spread between the 1st and 99th percentiles of the display values
 * @param maxBlack      largest accepted fraction of black pixels
 * @param maxWhite      largest accepted fraction of white pixels
 * @param minSmoothness smallest accepted correlation of neighbouring pixels
 * @param minDetail     smallest accepted amount of fine structure
 */
public record PictureLimits(int minSide, double minAspect, double maxAspect, double minRange, double maxBlack,
                            double maxWhite, double minSmoothness, double minDetail) {

    /**
     * Chest radiographs: on the NIH chest radiographs black fraction at most 0.46, white at most 0.37, 1-99 % range at
     * least 0.38, smoothness at least 0.966, detail at least 0.011.
     */
    public static PictureLimits chest() {
        return new PictureLimits(200, 0.6, 1.6, 0.1, 0.5, 0.42, 0.9, 0.007);
    }

    /**
     * Limb, shoulder and pelvis radiographs: on the 4,015 FracAtlas images shortest side at least 181 px, width/height
     * 0.40 to 1.74, black fraction up to 0.80 (dark background around a hand), white up to 0.03 (and 0.45 on the CR
     * extremity of the DICOM corpus, whose background is displayed white), range at least 0.27, smoothness at least
     * 0.84, detail at least 0.005.
     */
    public static PictureLimits limbs() {
        return new PictureLimits(160, 0.35, 2.9, 0.1, 0.9, 0.6, 0.8, 0.004);
    }
}
