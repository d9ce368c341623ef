package org.pleura.dicom;

/**
 * How {@link DicomWriter} encodes sequences.
 *
 * @param undefinedLengthSequences write sequences and items with undefined length and delimiters
 *                                 (as many modalities do) rather than explicit lengths
 */
public record WriteOptions(boolean undefinedLengthSequences) {

    /** Sequences and items with explicit (defined) lengths. */
    public static final WriteOptions DEFAULT = new WriteOptions(false);

    /** Sequences and items with undefined lengths and delimitation items. */
    public static final WriteOptions UNDEFINED_LENGTHS = new WriteOptions(true);
}
