package org.pleura.dicom.net;

import java.util.List;
import org.pleura.dicom.UID;

/** SOP class UIDs the DICOM node negotiates, and the default set it accepts. */
public final class SopClasses {

    /** Verification (C-ECHO). */
    public static final String VERIFICATION = UID.VERIFICATION;
    /** Computed Radiography Image Storage. */
    public static final String CR = UID.CR_IMAGE_STORAGE;
    /** Digital X-Ray Image Storage - For Presentation. */
    public static final String DX_FOR_PRESENTATION = UID.DX_IMAGE_STORAGE_PRESENTATION;
    /** Digital X-Ray Image Storage - For Processing. */
    public static final String DX_FOR_PROCESSING = UID.DX_IMAGE_STORAGE_PROCESSING;
    /** Secondary Capture Image Storage. */
    public static final String SECONDARY_CAPTURE = UID.SECONDARY_CAPTURE_IMAGE_STORAGE;
    /** Multi-frame Single Bit Secondary Capture Image Storage. */
    public static final String SC_MULTIFRAME_SINGLE_BIT = "1.2.840.10008.5.1.4.1.1.7.1";
    /** Multi-frame Grayscale Byte Secondary Capture Image Storage. */
    public static final String SC_MULTIFRAME_GRAYSCALE_BYTE = "1.2.840.10008.5.1.4.1.1.7.2";
    /** Multi-frame Grayscale Word Secondary Capture Image Storage. */
    public static final String SC_MULTIFRAME_GRAYSCALE_WORD = "1.2.840.10008.5.1.4.1.1.7.3";
    /** Multi-frame True Color Secondary Capture Image Storage. */
    public static final String SC_MULTIFRAME_TRUE_COLOR = "1.2.840.10008.5.1.4.1.1.7.4";
    /** Digital Mammography X-Ray Image Storage - For Presentation. */
    public static final String MG_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2";
    /** Digital Mammography X-Ray Image Storage - For Processing. */
    public static final String MG_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.2.1";

    /**
     * What a Pleura node accepts by default: verification, digital X-ray (both), computed radiography and
     * secondary capture (single-frame and the four multi-frame classes).
     */
    public static final List<String> DEFAULT = List.of(VERIFICATION, DX_FOR_PRESENTATION, DX_FOR_PROCESSING, CR,
            SECONDARY_CAPTURE, SC_MULTIFRAME_SINGLE_BIT, SC_MULTIFRAME_GRAYSCALE_BYTE, SC_MULTIFRAME_GRAYSCALE_WORD,
            SC_MULTIFRAME_TRUE_COLOR);

    /** Digital mammography, for presentation and for processing: add to {@link #DEFAULT} to accept it. */
    public static final List<String> MAMMOGRAPHY = List.of(MG_FOR_PRESENTATION, MG_FOR_PROCESSING);

    private SopClasses() {
    }
}
