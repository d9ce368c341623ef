package org.pleura.dicom;

/**
 * An attribute a caller needs is missing, empty, of the wrong kind, or holds a value that is not
 * what its VR promises (e.g. an IS that is not an integer). The message names the attribute.
 */
public class DicomAttributeException extends DicomException {
    private static final long serialVersionUID = 1L;

    private final transient Tag tag;

    public DicomAttributeException(Tag tag, String problem) {
        super(describe(tag) + " " + problem);
        this.tag = tag;
    }

    /** The attribute concerned. */
    public Tag tag() {
        return tag;
    }

    /** "Rows (0028,0010)" or "(0009,1010)" when the dictionary has no keyword. */
    public static String describe(Tag tag) {
        String k = tag.keyword();
        return k.isEmpty() ? tag.toString() : k + " " + tag;
    }
}
