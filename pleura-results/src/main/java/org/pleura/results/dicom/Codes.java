package org.pleura.results.dicom;

import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.model.result.Call;
import org.pleura.model.catalogue.Code;

/**
 * The coded concepts of the structured report (DICOM PS3.16 DCM codes, SNOMED CT qualifier values, UCUM units).
 * Finding codes never appear here: they come from the finding catalogue.
 */
final class Codes {

    private Codes() {
    }

    static final Code IMAGING_MEASUREMENT_REPORT = dcm("126000", "Imaging Measurement Report");
    static final Code LANGUAGE = dcm("121049", "Language of Content Item and Descendants");
    static final Code OBSERVER_TYPE = dcm("121005", "Observer Type");
    static final Code DEVICE = dcm("121007", "Device");
    static final Code DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID");
    static final Code DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name");
    static final Code DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer");
    static final Code DEVICE_OBSERVER_MODEL_NAME = dcm("121015", "Device Observer Model Name");
    static final Code PROCEDURE_REPORTED = dcm("121058", "Procedure reported");
    static final Code IMAGE_LIBRARY = dcm("111028", "Image Library");
    static final Code IMAGE_LIBRARY_GROUP = dcm("126200", "Image Library Group");
    static final Code IMAGING_MEASUREMENTS = dcm("126010", "Imaging Measurements");
    static final Code MEASUREMENT_GROUP = dcm("125007", "Measurement Group");
    static final Code TRACKING_IDENTIFIER = dcm("112039", "Tracking Identifier");
    static final Code TRACKING_UID = dcm("112040", "Tracking Unique Identifier");
    static final Code FINDING = dcm("121071", "Finding");
    static final Code ALGORITHM_NAME = dcm("111001", "Algorithm Name");
    static final Code ALGORITHM_VERSION = dcm("111003", "Algorithm Version");
    static final Code CERTAINTY_OF_FINDING = dcm("111012", "Certainty of Finding");
    static final Code SOURCE_OF_MEASUREMENT = dcm("121112", "Source of Measurement");
    static final Code IMAGE_REGION = dcm("111030", "Image Region");
    static final Code QUALITATIVE_EVALUATIONS = new Code("UMLS", "C0034375", "Qualitative Evaluations");
    static final Code COMMENT = dcm("121106", "Comment");
    static final Code SOURCE_FOR_PROCESSING = dcm("121322", "Source image for image processing operation");
    static final Code PROBABILITY_UNIT = new Code("UCUM", "{probability}", "probability");
    static final Code PRESENT = new Code("SCT", "52101004", "Present");
    static final Code EQUIVOCAL = new Code("SCT", "42425007", "Equivocal");
    static final Code ABSENT = new Code("SCT", "2667000", "Absent");
    /** Procedure reported for a catalogue of chest findings. */
    static final Code CHEST_RADIOGRAPH = new Code("SCT", "399208008", "Plain chest X-ray");
    /** Procedure reported for other catalogues. */
    static final Code RADIOGRAPHY = new Code("SCT", "363680008", "Radiographic imaging procedure");

    /**
     * The qualitative value of a call: present (positive), equivocal (doubtful), absent (negative); none for a
     * finding not validated for calls (the report says so in words instead).
     */
    static java.util.Optional<Code> of(Call call) {
        return switch (call) {
            case POSITIVE -> java.util.Optional.of(PRESENT);
            case DOUBTFUL -> java.util.Optional.of(EQUIVOCAL);
            case NEGATIVE -> java.util.Optional.of(ABSENT);
            case NOT_VALIDATED -> java.util.Optional.empty();
        };
    }

    /** The procedure a catalogue's findings are read on. */
    static Code procedureFor(String catalogueId) {
        return "chest".equals(catalogueId) ? CHEST_RADIOGRAPH : RADIOGRAPHY;
    }

    private static Code dcm(String value, String meaning) {
        return new Code("DCM", value, meaning);
    }

    /** A code sequence item: Code Value (or Long Code Value when longer than 16), Scheme, Meaning. */
    static DicomObject item(Code code) {
        DicomObject.Builder b = DicomObject.builder();
        if (code.value().length() > 16) {
            b.putString(Tag.forKeyword("LongCodeValue"), code.value());
        } else {
            b.putString(Tag.CodeValue, code.value());
        }
        return b.putString(Tag.CodingSchemeDesignator, code.scheme())
                .putString(Tag.CodeMeaning, code.meaning().length() > 64 ? code.meaning().substring(0, 64) : code.meaning())
                .build();
    }
}
