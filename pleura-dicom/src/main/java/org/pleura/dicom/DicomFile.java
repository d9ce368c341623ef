package org.pleura.dicom;

import java.util.Objects;

/**
 * A DICOM Part 10 file as read: its file meta information (group 0002, empty for old files
 * without one), its data set, and the transfer syntax the data set was actually encoded in (from
 * the meta group, or detected for files without one).
 *
 * @param fileMeta       group 0002 elements, possibly empty
 * @param dataset        the data set (without group 0002)
 * @param transferSyntax encoding of the data set and its Pixel Data
 */
public record DicomFile(DicomObject fileMeta, DicomObject dataset, TransferSyntax transferSyntax) {

    public DicomFile {
        Objects.requireNonNull(fileMeta);
        Objects.requireNonNull(dataset);
        Objects.requireNonNull(transferSyntax);
    }

    /** True when the file had a file meta information group. */
    public boolean hasFileMeta() {
        return !fileMeta.isEmpty();
    }
}
