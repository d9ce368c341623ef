package org.pleura.image;

/**
 * What the source says about the acquisition and the patient, as far as the model and the input
 * checks need it. Every field is empty ("") when the source does not say (PNG and JPEG say nothing).
 *
 * @param modality            e.g. CR, DX, CT
 * @param bodyPartExamined    e.g. CHEST
 * @param viewPosition        e.g. PA, AP, LL
 * @param patientSex          M, F, O or ""
 * @param patientAge          DICOM age string, e.g. 045Y
 * @param sopClassUid         SOP Class UID of the source object
 * @param studyInstanceUid    Study Instance UID
 * @param seriesInstanceUid   Series Instance UID
 * @param sopInstanceUid      SOP Instance UID
 * @param sourcePhotometric   photometric interpretation of the source (RGB, YBR_FULL, MONOCHROME1...)
 * @param sourceSamplesPerPixel samples per pixel of the source (3 for colour pictures)
 */
public record ClinicalMetadata(String modality, String bodyPartExamined, String viewPosition, String patientSex,
                               String patientAge, String sopClassUid, String studyInstanceUid,
                               String seriesInstanceUid, String sopInstanceUid, String sourcePhotometric,
                               int sourceSamplesPerPixel) {

    public ClinicalMetadata {
        modality = nz(modality);
        bodyPartExamined = nz(bodyPartExamined);
        viewPosition = nz(viewPosition);
        patientSex = nz(patientSex);
        patientAge = nz(patientAge);
        sopClassUid = nz(sopClassUid);
        studyInstanceUid = nz(studyInstanceUid);
        seriesInstanceUid = nz(seriesInstanceUid);
        sopInstanceUid = nz(sopInstanceUid);
        sourcePhotometric = nz(sourcePhotometric);
    }

    /** Metadata of a plain picture file (PNG, JPEG) with the given photometric and sample count. */
    public static ClinicalMetadata ofPicture(String photometric, int samplesPerPixel) {
        return new ClinicalMetadata("", "", "", "", "", "", "", "", "", photometric, samplesPerPixel);
    }

    /** True when the source was a colour picture (3 or more samples per pixel, or a palette). */
    public boolean sourceWasColour() {
        return sourceSamplesPerPixel >= 3 || sourcePhotometric.startsWith("PALETTE");
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }
}
