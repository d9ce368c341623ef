package org.pleura.server.store;

import java.util.Objects;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;

/**
 * The attributes of one object that the database keeps for the DICOM tree, QIDO-RS and the worklist. Values are
 * as received, trimmed and cut to the column sizes; absent ones are "".
 *
 * @param patientId          (0010,0020)
 * @param patientName        (0010,0010), DICOM PN form {@code Family^Given}
 * @param birthDate          (0010,0030)
 * @param sex                (0010,0040)
 * @param studyUid           (0020,000D), required
 * @param studyDate          (0008,0020)
 * @param studyTime          (0008,0030)
 * @param accessionNumber    (0008,0050)
 * @param studyId            (0020,0010)
 * @param studyDescription   (0008,1030)
 * @param referringPhysician (0008,0090)
 * @param seriesUid          (0020,000E), required
 * @param modality           (0008,0060)
 * @param seriesNumber       (0020,0011)
 * @param seriesDescription  (0008,103E)
 * @param bodyPart           (0018,0015)
 * @param sopClassUid        (0008,0016)
 * @param sopUid             (0008,0018), required
 * @param instanceNumber     (0020,0013)
 * @param transferSyntaxUid  (0002,0010), "" for pictures
 * @param rows               (0028,0010), 0 when absent
 * @param columns            (0028,0011), 0 when absent
 */
public record InstanceAttributes(String patientId, String patientName, String birthDate, String sex,
                                 String studyUid, String studyDate, String studyTime, String accessionNumber,
                                 String studyId, String studyDescription, String referringPhysician,
                                 String seriesUid, String modality, String seriesNumber, String seriesDescription,
                                 String bodyPart, String sopClassUid, String sopUid, String instanceNumber,
                                 String transferSyntaxUid, int rows, int columns) {

    private static final Tag BODY_PART_EXAMINED = Tag.of(0x0018, 0x0015);
    private static final Tag STUDY_INSTANCE_UID = Tag.of(0x0020, 0x000D);
    private static final Tag SERIES_INSTANCE_UID = Tag.of(0x0020, 0x000E);
    private static final Tag STUDY_ID = Tag.of(0x0020, 0x0010);
    private static final Tag SERIES_NUMBER = Tag.of(0x0020, 0x0011);
    private static final Tag INSTANCE_NUMBER = Tag.of(0x0020, 0x0013);
    private static final Tag ROWS = Tag.of(0x0028, 0x0010);
    private static final Tag COLUMNS = Tag.of(0x0028, 0x0011);

    public InstanceAttributes {
        patientId = cut(patientId, 64);
        patientName = cut(patientName, 400);
        birthDate = cut(birthDate, 8);
        sex = cut(sex, 16);
        studyUid = cut(studyUid, 64);
        studyDate = cut(studyDate, 8);
        studyTime = cut(studyTime, 16);
        accessionNumber = cut(accessionNumber, 64);
        studyId = cut(studyId, 16);
        studyDescription = cut(studyDescription, 400);
        referringPhysician = cut(referringPhysician, 400);
        seriesUid = cut(seriesUid, 64);
        modality = cut(modality, 16);
        seriesNumber = cut(seriesNumber, 12);
        seriesDescription = cut(seriesDescription, 400);
        bodyPart = cut(bodyPart, 64);
        sopClassUid = cut(sopClassUid, 64);
        sopUid = cut(sopUid, 64);
        instanceNumber = cut(instanceNumber, 12);
        transferSyntaxUid = cut(transferSyntaxUid, 64);
    }

    /**
     * The attributes of a DICOM data set (read without its pixel data is enough).
     *
     * @param transferSyntaxUid the transfer syntax the object is stored in
     */
    public static InstanceAttributes of(DicomObject ds, String transferSyntaxUid) {
        return new InstanceAttributes(s(ds, Tag.PatientID), s(ds, Tag.PatientName), s(ds, Tag.PatientBirthDate),
                s(ds, Tag.PatientSex), s(ds, STUDY_INSTANCE_UID), s(ds, Tag.StudyDate), s(ds, Tag.StudyTime),
                s(ds, Tag.AccessionNumber), s(ds, STUDY_ID), s(ds, Tag.StudyDescription),
                s(ds, Tag.ReferringPhysicianName), s(ds, SERIES_INSTANCE_UID), s(ds, Tag.Modality),
                s(ds, SERIES_NUMBER), s(ds, Tag.SeriesDescription), s(ds, BODY_PART_EXAMINED), s(ds, Tag.SOPClassUID),
                s(ds, Tag.SOPInstanceUID), s(ds, INSTANCE_NUMBER), transferSyntaxUid, i(ds, ROWS), i(ds, COLUMNS));
    }

    /** What is wrong with the identifiers, or null when the object can be stored. */
    public String identifierProblem() {
        if (!Uids.isSafe(sopUid)) {
            return sopUid.isEmpty() ? "SOP Instance UID (0008,0018) is missing"
                    : "SOP Instance UID (0008,0018) is not a valid UID";
        }
        if (!Uids.isSafe(studyUid)) {
            return studyUid.isEmpty() ? "Study Instance UID (0020,000D) is missing"
                    : "Study Instance UID (0020,000D) is not a valid UID";
        }
        if (!Uids.isSafe(seriesUid)) {
            return seriesUid.isEmpty() ? "Series Instance UID (0020,000E) is missing"
                    : "Series Instance UID (0020,000E) is not a valid UID";
        }
        if (sopClassUid.isEmpty()) {
            return "SOP Class UID (0008,0016) is missing";
        }
        return null;
    }

    private static String s(DicomObject ds, Tag tag) {
        try {
            return String.join("\\", ds.getStrings(tag)).strip();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static int i(DicomObject ds, Tag tag) {
        try {
            return ds.getInt(tag, 0);
        } catch (org.pleura.dicom.DicomAttributeException | RuntimeException e) {
            return 0;
        }
    }

    private static String cut(String s, int max) {
        String t = Objects.requireNonNullElse(s, "").strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
