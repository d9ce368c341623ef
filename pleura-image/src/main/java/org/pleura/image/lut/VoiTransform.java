package org.pleura.image.lut;

/**
 * Modality value to display value in [0, 1] (PS3.3 C.11.2): a window with its VOI LUT Function,
 * or a VOI lookup table. 0 is the darkest output for MONOCHROME2 (inversion for MONOCHROME1 comes
 * after this step).
 */
public sealed interface VoiTransform permits VoiTransform.Window, VoiTransform.Table {

    double apply(double modalityValue);

    /** VOI LUT Function (0028,1056). */
    enum Function {
        LINEAR, LINEAR_EXACT, SIGMOID;

        /** Parses the DICOM keyword; absent or unknown values mean LINEAR, as the standard says. */
        public static Function parse(String s) {
            if (s == null) {
                return LINEAR;
            }
            return switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "LINEAR_EXACT" -> LINEAR_EXACT;
                case "SIGMOID" -> SIGMOID;
                default -> LINEAR;
            };
        }
    }

    /**
     * Window Center and Window Width, with the formulas of PS3.3 C.11.2.1.2 (LINEAR requires
     * width >= 1, LINEAR_EXACT and SIGMOID width > 0).
     */
    record Window(double center, double width, Function function, String explanation) implements VoiTransform {
        public Window {
            if (!(width > 0) || (function == Function.LINEAR && width < 1)) {
                throw new IllegalArgumentException("window width must be positive (>= 1 for LINEAR): " + width);
            }
        }

        public Window(double center, double width) {
            this(center, width, Function.LINEAR, "");
        }

        @Override
        public double apply(double x) {
            switch (function) {
                case LINEAR_EXACT: {
                    double lo = center - width / 2;
                    double hi = center + width / 2;
                    if (x <= lo) {
                        return 0;
                    }
                    if (x > hi) {
                        return 1;
                    }
                    return (x - center) / width + 0.5;
                }
                case SIGMOID:
                    return 1.0 / (1.0 + Math.exp(-4.0 * (x - center) / width));
                default: {
                    double c = center - 0.5;
                    double w = width - 1;
                    if (x <= c - w / 2) {
                        return 0;
                    }
                    if (x > c + w / 2) {
                        return 1;
                    }
                    return w == 0 ? 1 : (x - c) / w + 0.5;
                }
            }
        }
    }

    /** VOI LUT Sequence item: output scaled by the descriptor's bit depth. */
    record Table(LookupTable table) implements VoiTransform {
        @Override
        public double apply(double x) {
            return table.lookup(x) / (double) table.maxOutput();
        }
    }
}
