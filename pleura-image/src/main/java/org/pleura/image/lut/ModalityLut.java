package org.pleura.image.lut;

/**
 * Stored value to modality value (PS3.3 C.11.1): a linear rescale or a lookup table.
 */
public sealed interface ModalityLut permits ModalityLut.Rescale, ModalityLut.Table {

    double apply(double stored);

    /** The identity: modality values are the stored values. */
    ModalityLut IDENTITY = new Rescale(1.0, 0.0);

    /** Rescale Slope and Rescale Intercept. */
    record Rescale(double slope, double intercept) implements ModalityLut {
        @Override
        public double apply(double stored) {
            return stored * slope + intercept;
        }
    }

    /** Modality LUT Sequence. */
    record Table(LookupTable table) implements ModalityLut {
        @Override
        public double apply(double stored) {
            return table.lookup(stored);
        }
    }
}
