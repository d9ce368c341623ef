package org.pleura.dicom.net;

import java.util.Objects;

/**
 * A DIMSE status (PS3.7 annex C): the 16-bit code of a response and an optional error comment (at most 64
 * characters are sent). A {@link StoreHandler} returns one of the constants, or any code with {@link #of(int,
 * String)}.
 *
 * <pre>{@code
 * return DimseStatus.SUCCESS;
 * return DimseStatus.OUT_OF_RESOURCES.withComment("disk full");
 * return DimseStatus.of(0xB000, "coerced PatientName");    // a warning
 * }</pre>
 *
 * @param code         the status code, 0x0000 to 0xFFFF
 * @param errorComment a short explanation, "" for none
 */
public record DimseStatus(int code, String errorComment) {

    /** 0x0000: success. */
    public static final DimseStatus SUCCESS = new DimseStatus(0x0000, "");
    /** 0xA700: refused, out of resources (e.g. disk full, object too large). */
    public static final DimseStatus OUT_OF_RESOURCES = new DimseStatus(0xA700, "");
    /** 0xA900: error, data set does not match SOP class. */
    public static final DimseStatus DATA_SET_DOES_NOT_MATCH_SOP_CLASS = new DimseStatus(0xA900, "");
    /** 0xC000: error, cannot understand (the object could not be processed). */
    public static final DimseStatus CANNOT_UNDERSTAND = new DimseStatus(0xC000, "");
    /** 0x0122: refused, SOP class not supported. */
    public static final DimseStatus SOP_CLASS_NOT_SUPPORTED = new DimseStatus(0x0122, "");
    /** 0x0110: processing failure. */
    public static final DimseStatus PROCESSING_FAILURE = new DimseStatus(0x0110, "");
    /** 0x0211: unrecognised operation (a DIMSE command this node does not perform). */
    public static final DimseStatus UNRECOGNISED_OPERATION = new DimseStatus(0x0211, "");
    /** 0xB000: warning, coercion of data elements. */
    public static final DimseStatus COERCION_OF_DATA_ELEMENTS = new DimseStatus(0xB000, "");
    /** 0xB006: warning, elements discarded. */
    public static final DimseStatus ELEMENTS_DISCARDED = new DimseStatus(0xB006, "");
    /** 0xB007: warning, data set does not match SOP class. */
    public static final DimseStatus DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = new DimseStatus(0xB007, "");

    public DimseStatus {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("a DIMSE status is a 16-bit code: " + code);
        }
        Objects.requireNonNull(errorComment);
    }

    /** Any status code with a comment ("" for none). */
    public static DimseStatus of(int code, String errorComment) {
        return new DimseStatus(code, errorComment == null ? "" : errorComment);
    }

    /** The same code with this error comment. */
    public DimseStatus withComment(String comment) {
        return new DimseStatus(code, comment == null ? "" : comment);
    }

    /** 0x0000. */
    public boolean isSuccess() {
        return code == 0;
    }

    /** A warning: 0x0001, 0x0107, 0x0116 or 0xB000-0xBFFF (the operation was performed). */
    public boolean isWarning() {
        return code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000;
    }

    /** 0xFF00 or 0xFF01: more responses follow (not used by C-STORE or C-ECHO). */
    public boolean isPending() {
        return code == 0xFF00 || code == 0xFF01;
    }

    /** 0xFE00: the operation was cancelled. */
    public boolean isCancel() {
        return code == 0xFE00;
    }

    /** Neither success, warning, pending nor cancel: the operation was not performed. */
    public boolean isFailure() {
        return !isSuccess() && !isWarning() && !isPending() && !isCancel();
    }

    /** The meaning of the code in words (for the codes Pleura knows; the category otherwise). */
    public String meaning() {
        return switch (code) {
            case 0x0000 -> "Success";
            case 0xA700 -> "Refused: Out of resources";
            case 0xA900 -> "Error: Data set does not match SOP class";
            case 0xC000 -> "Error: Cannot understand";
            case 0x0122 -> "Refused: SOP class not supported";
            case 0x0124 -> "Refused: Not authorized";
            case 0x0110 -> "Processing failure";
            case 0x0111 -> "Duplicate SOP instance";
            case 0x0211 -> "Unrecognised operation";
            case 0x0212 -> "Mistyped argument";
            case 0xB000 -> "Warning: Coercion of data elements";
            case 0xB006 -> "Warning: Elements discarded";
            case 0xB007 -> "Warning: Data set does not match SOP class";
            case 0xFE00 -> "Cancel";
            default -> isWarning() ? "Warning" : isPending() ? "Pending" : "Failure";
        };
    }

    /** E.g. "0xA700 (Refused: Out of resources): disk full". */
    @Override
    public String toString() {
        return String.format("0x%04X (%s)%s", code, meaning(), errorComment.isEmpty() ? "" : ": " + errorComment);
    }
}
