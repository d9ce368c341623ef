package org.pleura.dicom.pixel;

/**
 * Turns raw samples into stored values: keeps bits {@code highBit - bitsStored + 1 .. highBit}
 * (bits outside them are ignored, as PS3.5 section 8.1.1 requires), then sign-extends when Pixel
 * Representation is 1.
 */
final class StoredValues {

    private StoredValues() {
    }

    /** In place. {@code shift} is highBit + 1 - bitsStored (0 when the data sits in the low bits). */
    static void apply(int[] samples, int bitsStored, int shift, boolean signed) {
        if (bitsStored >= 32) {
            return;
        }
        int mask = (int) ((1L << bitsStored) - 1);
        if (!signed) {
            if (shift == 0) {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] &= mask;
                }
            } else {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = (samples[i] >>> shift) & mask;
                }
            }
            return;
        }
        int up = 32 - bitsStored;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = ((samples[i] >>> shift) << up) >> up;
        }
    }
}
