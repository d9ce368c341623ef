package org.pleura.image;

/** The container formats Pleura reads, recognised by their first bytes, never by file name. */
public enum SourceFormat {
    DICOM, PNG, JPEG, UNKNOWN;

    /** Recognises the format from the first bytes (at least 132 for a DICOM preamble). */
    public static SourceFormat sniff(byte[] head, int length) {
        if (length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return PNG;
        }
        if (length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return DICOM;
        }
        if (length >= 8 && looksLikeBareDataset(head)) {
            return DICOM;
        }
        return UNKNOWN;
    }

    /**
     * Old ACR-NEMA style files start directly with a little-endian data element of group 0x0008
     * (or 0x0002 / 0x0000 / 0x0010): accept only small even group numbers to avoid false positives.
     */
    private static boolean looksLikeBareDataset(byte[] b) {
        int group = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        return group == 0x0000 || group == 0x0002 || group == 0x0008 || group == 0x0010 || group == 0x0018
                || group == 0x0020 || group == 0x0028;
    }
}
