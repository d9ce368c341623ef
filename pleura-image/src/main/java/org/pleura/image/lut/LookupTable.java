package org.pleura.image.lut;

/**
 * A DICOM lookup table (LUT Descriptor + LUT Data): input values below {@code firstMapped} take
 * the first entry, values past the last entry take the last entry.
 *
 * @param firstMapped first input value mapped (the descriptor's second value)
 * @param bits        bits per entry from the descriptor (8..16), giving the output range
 * @param data        the entries
 * @param explanation LUT Explanation, may be empty
 */
public record LookupTable(int firstMapped, int bits, int[] data, String explanation) {

    public LookupTable {
        if (data.length == 0) {
            throw new IllegalArgumentException("empty lookup table");
        }
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("lookup table bits must be 1..16, got " + bits);
        }
    }

    /** Output entry for input {@code x}. */
    public int lookup(double x) {
        long i = Math.round(Math.floor(x)) - firstMapped;
        if (i <= 0) {
            return data[0];
        }
        if (i >= data.length) {
            return data[data.length - 1];
        }
        return data[(int) i];
    }

    /** Largest output value the descriptor allows. */
    public int maxOutput() {
        return (1 << bits) - 1;
    }
}
