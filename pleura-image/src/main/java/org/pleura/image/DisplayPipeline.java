package org.pleura.image;

import java.util.List;
import java.util.OptionalInt;
import org.pleura.image.lut.ModalityLut;
import org.pleura.image.lut.VoiTransform;

/**
 * How stored values become display values: modality LUT, then the VOI transform (the first of
 * {@code windows} is the default; the others are presets), then inversion for MONOCHROME1. Pixels
 * equal to the padding value (or inside the padding range) are shown black and are ignored when a
 * window has to be computed from the pixels.
 *
 * @param modality      stored value to modality value
 * @param windows       VOI transforms from the source, default first; empty means "compute from the pixels"
 * @param invert        true for MONOCHROME1 (minimum value is white)
 * @param paddingValue  Pixel Padding Value (0028,0120), in stored-value space
 * @param paddingLimit  Pixel Padding Range Limit (0028,0121), in stored-value space
 */
public record DisplayPipeline(ModalityLut modality, List<VoiTransform> windows, boolean invert,
                              OptionalInt paddingValue, OptionalInt paddingLimit) {

    public DisplayPipeline {
        windows = List.copyOf(windows);
    }

    /** Pipeline of an already display-ready picture of the given bit depth (PNG, JPEG). */
    public static DisplayPipeline fullRange(int bits) {
        double max = (1L << bits) - 1;
        return new DisplayPipeline(ModalityLut.IDENTITY,
                List.of(new VoiTransform.Window(max / 2.0, max, VoiTransform.Function.LINEAR_EXACT, "full range")),
                false, OptionalInt.empty(), OptionalInt.empty());
    }

    /** True if stored value {@code v} is padding. */
    public boolean isPadding(int v) {
        if (paddingValue.isEmpty()) {
            return false;
        }
        int a = paddingValue.getAsInt();
        if (paddingLimit.isEmpty()) {
            return v == a;
        }
        int b = paddingLimit.getAsInt();
        return v >= Math.min(a, b) && v <= Math.max(a, b);
    }
}
