package org.pleura.results.dicom;

import java.util.List;
import java.util.Objects;
import org.pleura.dicom.DicomElement;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.dicom.UID;

/**
 * The DICOM image a result is about: its header (without pixel data), from which the results copy the patient and
 * study and take the references to the source instance.
 *
 * <pre>{@code
 * SourceImage source = new SourceImage(radiograph.dicomHeader().orElseThrow());
 * String study = source.studyInstanceUid();
 * }</pre>
 *
 * @param header the source's attributes (pixel data not needed)
 */
public record SourceImage(DicomObject header) {

    /** Patient, General Study and Patient Study attributes copied into every result, when the source has them. */
    static final List<Tag> COPIED = List.of(
            // Patient module
            Tag.PatientName, Tag.PatientID, Tag.forKeyword("IssuerOfPatientID"),
            Tag.forKeyword("IssuerOfPatientIDQualifiersSequence"), Tag.forKeyword("TypeOfPatientID"),
            Tag.PatientBirthDate, Tag.forKeyword("PatientBirthTime"), Tag.PatientSex,
            Tag.forKeyword("OtherPatientIDsSequence"), Tag.forKeyword("OtherPatientNames"),
            Tag.forKeyword("EthnicGroup"), Tag.forKeyword("PatientComments"),
            Tag.forKeyword("PatientIdentityRemoved"), Tag.forKeyword("DeidentificationMethod"),
            Tag.forKeyword("DeidentificationMethodCodeSequence"),
            // General Study module
            Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.ReferringPhysicianName, Tag.StudyID,
            Tag.AccessionNumber, Tag.forKeyword("IssuerOfAccessionNumberSequence"), Tag.StudyDescription,
            Tag.forKeyword("PhysiciansOfRecord"), Tag.forKeyword("NameOfPhysiciansReadingStudy"),
            Tag.forKeyword("ProcedureCodeSequence"),
            // Patient Study module
            Tag.PatientAge, Tag.forKeyword("PatientSize"), Tag.forKeyword("PatientWeight"));

    /** Type 2 attributes of the Patient and General Study modules: present (possibly empty) in every result. */
    static final List<Tag> REQUIRED_EMPTY = List.of(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate,
            Tag.PatientSex, Tag.StudyDate, Tag.StudyTime, Tag.ReferringPhysicianName, Tag.StudyID,
            Tag.AccessionNumber);

    public SourceImage {
        Objects.requireNonNull(header, "header");
    }

    /** The source's Study Instance UID, or empty when it has none. */
    public String studyInstanceUid() {
        return header.getString(Tag.StudyInstanceUID, "").trim();
    }

    /** The source's Series Instance UID, or empty. */
    public String seriesInstanceUid() {
        return header.getString(Tag.SeriesInstanceUID, "").trim();
    }

    /** The source's SOP Class UID, or empty. */
    public String sopClassUid() {
        return header.getString(Tag.SOPClassUID, "").trim();
    }

    /** The source's SOP Instance UID, or empty. */
    public String sopInstanceUid() {
        return header.getString(Tag.SOPInstanceUID, "").trim();
    }

    /**
     * True when the source can be referenced: it has SOP Class and SOP Instance UIDs. They are referenced as they
     * are, even when not well formed, so that the result stays linked to its source.
     */
    public boolean referenceable() {
        return !sopClassUid().isEmpty() && !sopInstanceUid().isEmpty();
    }

    /** The study the results go into: the source's, or a new one when the source has none. */
    public String resultStudyUid() {
        return studyInstanceUid().isEmpty() ? UID.generate() : studyInstanceUid();
    }

    /** True when the source says its pixels went through lossy compression. */
    public boolean lossy() {
        return "01".equals(header.getString(Tag.LossyImageCompression, "").trim());
    }

    /**
     * The patient and study attributes every result copies, with empty values for absent Type 2 attributes and
     * {@code studyUid} as the Study Instance UID.
     */
    DicomObject patientAndStudy(String studyUid) {
        DicomObject.Builder b = DicomObject.builder();
        for (Tag t : REQUIRED_EMPTY) {
            b.putString(t, "");
        }
        for (Tag t : COPIED) {
            header.get(t).ifPresent(e -> {
                if (wellFormed(e)) {
                    b.put(e);
                } else if (!REQUIRED_EMPTY.contains(t)) {
                    b.remove(t);
                }
            });
        }
        b.putString(Tag.StudyInstanceUID, studyUid);
        return b.build();
    }

    /**
     * False for a copied value that breaks its VR's format (e.g. a Patient's Age of "62"): such a value is not
     * copied (left empty when the attribute is Type 2), so that results are valid even when the source is not.
     */
    static boolean wellFormed(DicomElement e) {
        if (!(e instanceof DicomElement.Text t) || t.value().isEmpty()) {
            return true;
        }
        String v = t.value().trim();
        return switch (t.vr()) {
            case AS -> v.matches("\\d{3}[DWMY]");
            case DA -> v.matches("\\d{8}");
            case TM -> v.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");
            case DS -> v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?") && v.length() <= 16;
            default -> true;
        };
    }

    /** An item referencing the source instance: Referenced SOP Class and Instance UIDs. */
    DicomObject reference() {
        return DicomObject.builder().putString(Tag.ReferencedSOPClassUID, sopClassUid())
                .putString(Tag.ReferencedSOPInstanceUID, sopInstanceUid()).build();
    }
}
