package org.pleura.model.check;

import java.util.Locale;
import org.pleura.image.GrayImage;
import org.pleura.image.Radiograph;

/**
 * Checks the picture itself, with or without a DICOM header: a colour picture, a picture too small or of the
 * wrong shape for a chest radiograph, a blank (nearly uniform) picture, one that is mostly black or mostly white
 * (saturated, or mostly background as in CT, ultrasound and extremity images), one that is not smooth like a
 * radiograph (random noise), or one with almost no fine structure (a smooth gradient, a heavily blurred picture)
 * is refused. The limits were set on the 1,779 NIH chest radiographs and the chest
 * radiographs of the DICOM corpus, none of which they refuse (see the README for what they catch).
 *
 * <pre>{@code
 * InputVerdict v = new PictureCheck().check(radiograph);
 * }</pre>
 *
 * @param minSide        shortest accepted side in pixels
 * @param minAspect      smallest accepted width / height
 * @param maxAspect      largest accepted width / height
 * @param minRange       smallest accepted spread between the 1st and 99th percentiles of the display values
 * @param maxBlack       largest accepted fraction of black pixels
 * @param maxWhite       largest accepted fraction of white pixels
 * @param minSmoothness  smallest accepted correlation of neighbouring pixels
 * @param minDetail      smallest accepted amount of fine structure ({@link PictureStatistics#detail()})
 */
public record PictureCheck(int minSide, double minAspect, double maxAspect, double minRange, double maxBlack,
                           double maxWhite, double minSmoothness, double minDetail) implements InputCheck {

    /**
     * The default limits. On the 1,779 NIH chest radiographs: black fraction at most 0.46, white at most 0.37,
     * 1-99 % range at least 0.38, smoothness at least 0.966, detail at least 0.011.
     */
    public PictureCheck() {
        this(200, 0.6, 1.6, 0.1, 0.5, 0.42, 0.9, 0.007);
    }

    @Override
    public InputVerdict check(Radiograph radiograph) {
        if (radiograph.metadata().sourceWasColour()) {
            String p = radiograph.metadata().sourcePhotometric();
            return refuse("the image is a colour picture" + (p.isEmpty() ? "" : " (" + p + ")")
                    + ", not a grayscale radiograph");
        }
        return check(radiograph.display());
    }

    /** Checks a display-ready picture (no colour information). */
    public InputVerdict check(GrayImage display) {
        return check(PictureStatistics.of(display));
    }

    /** Checks measured picture statistics. */
    public InputVerdict check(PictureStatistics s) {
        if (Math.min(s.width(), s.height()) < minSide) {
            return refuse(String.format(Locale.ROOT, "the image is too small (%dx%d) for a chest radiograph: "
                    + "Pleura needs at least %d pixels on each side", s.width(), s.height(), minSide));
        }
        if (s.aspect() < minAspect || s.aspect() > maxAspect) {
            return refuse(String.format(Locale.ROOT, "the image's shape (%dx%d, width/height %.2f) is not that of a "
                    + "chest radiograph (%.2f to %.2f)", s.width(), s.height(), s.aspect(), minAspect, maxAspect));
        }
        if (s.range() < minRange) {
            return refuse(String.format(Locale.ROOT, "the image is blank or nearly uniform (98%% of its values "
                    + "within %.0f%% of the display range)", 100 * s.range()));
        }
        if (s.blackFraction() > maxBlack) {
            return refuse(String.format(Locale.ROOT, "%.0f%% of the image is black: saturated, or mostly background "
                    + "as in CT, ultrasound or nuclear medicine images, not a chest radiograph",
                    100 * s.blackFraction()));
        }
        if (s.whiteFraction() > maxWhite) {
            return refuse(String.format(Locale.ROOT, "%.0f%% of the image is white: saturated, or mostly empty "
                    + "background as in extremity radiographs, not a chest radiograph", 100 * s.whiteFraction()));
        }
        if (s.smoothness() < minSmoothness) {
            return refuse(String.format(Locale.ROOT, "the image is not smooth like a radiograph (neighbouring pixel "
                    + "correlation %.2f, radiographs above %.2f): noise, ultrasound speckle or a drawing",
                    s.smoothness(), minSmoothness));
        }
        if (s.detail() < minDetail) {
            return refuse(String.format(Locale.ROOT, "the image has almost no fine structure (detail %.4f, "
                    + "radiographs above %.3f): a smooth gradient or a heavily blurred picture", s.detail(), minDetail));
        }
        return InputVerdict.accepted();
    }

    private static InputVerdict refuse(String reason) {
        return new InputVerdict.Refused(InputVerdict.Kind.PICTURE, reason);
    }
}
