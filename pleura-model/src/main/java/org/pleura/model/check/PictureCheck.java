package org.pleura.model.check;

import java.util.Locale;
import org.pleura.image.GrayImage;
import org.pleura.image.Radiograph;
import org.pleura.model.pkg.InputRules;
import org.pleura.model.pkg.PictureLimits;

/**
 * Checks the picture itself, with or without a DICOM header, against a model's {@link PictureLimits}: a colour
 * picture, a picture too small or of the wrong shape, a blank (nearly uniform) picture, one that is mostly black or
 * mostly white (saturated, or mostly background as in CT and ultrasound), one that is not smooth like a radiograph
 * (random noise), or one with almost no fine structure (a smooth gradient, a heavily blurred picture) is refused.
 * The limits are set on each model's training images, none of which they refuse (the chest limits on the NIH chest
 * radiographs and the chest radiographs of the DICOM corpus; see docs/input-checks.md for what they catch).
 *
 * <pre>{@code
 * InputVerdict v = new PictureCheck(pkg.descriptor().inputOrDefault()).check(radiograph);
 * }</pre>
 *
 * @param limits the limits
 * @param reads  what the model reads, in words, for the refusal messages
 */
public record PictureCheck(PictureLimits limits, String reads) implements InputCheck {

    /** The chest limits. */
    public PictureCheck() {
        this(InputRules.frontalChest());
    }

    /** The picture limits of a model's input rules. */
    public PictureCheck(InputRules rules) {
        this(rules.pictureOrDefault(), rules.reads());
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

    /** Checks a radiograph whose display picture's statistics were already measured (several models, one picture). */
    public InputVerdict check(Radiograph radiograph, PictureStatistics statistics) {
        if (radiograph.metadata().sourceWasColour()) {
            return check(radiograph);
        }
        return check(statistics);
    }

    /** Checks a display-ready picture (no colour information). */
    public InputVerdict check(GrayImage display) {
        return check(PictureStatistics.of(display));
    }

    /** Checks measured picture statistics. */
    public InputVerdict check(PictureStatistics s) {
        PictureLimits l = limits;
        if (Math.min(s.width(), s.height()) < l.minSide()) {
            return refuse(String.format(Locale.ROOT, "the image is too small (%dx%d): the model reads %s of at least "
                    + "%d pixels on each side", s.width(), s.height(), reads, l.minSide()));
        }
        if (s.aspect() < l.minAspect() || s.aspect() > l.maxAspect()) {
            return refuse(String.format(Locale.ROOT, "the image's shape (%dx%d, width/height %.2f) is not that of %s "
                    + "(%.2f to %.2f)", s.width(), s.height(), s.aspect(), reads, l.minAspect(), l.maxAspect()));
        }
        if (s.range() < l.minRange()) {
            return refuse(String.format(Locale.ROOT, "the image is blank or nearly uniform (98%% of its values "
                    + "within %.0f%% of the display range)", 100 * s.range()));
        }
        if (s.blackFraction() > l.maxBlack()) {
            return refuse(String.format(Locale.ROOT, "%.0f%% of the image is black: saturated, or mostly background "
                    + "as in CT, ultrasound or nuclear medicine images, not one of the %s the model reads",
                    100 * s.blackFraction(), reads));
        }
        if (s.whiteFraction() > l.maxWhite()) {
            return refuse(String.format(Locale.ROOT, "%.0f%% of the image is white: saturated, or mostly empty "
                    + "background, not one of the %s the model reads", 100 * s.whiteFraction(), reads));
        }
        if (s.smoothness() < l.minSmoothness()) {
            return refuse(String.format(Locale.ROOT, "the image is not smooth like a radiograph (neighbouring pixel "
                    + "correlation %.2f, radiographs above %.2f): noise, ultrasound speckle or a drawing",
                    s.smoothness(), l.minSmoothness()));
        }
        if (s.detail() < l.minDetail()) {
            return refuse(String.format(Locale.ROOT, "the image has almost no fine structure (detail %.4f, "
                    + "radiographs above %.3f): a smooth gradient or a heavily blurred picture", s.detail(), l.minDetail()));
        }
        return InputVerdict.accepted();
    }

    private static InputVerdict refuse(String reason) {
        return new InputVerdict.Refused(InputVerdict.Kind.PICTURE, reason);
    }
}
