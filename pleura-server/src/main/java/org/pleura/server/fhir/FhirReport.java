package org.pleura.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.pleura.model.catalogue.Code;
import org.pleura.model.catalogue.Finding;

/**
 * A study's results as a FHIR R4 searchset {@code Bundle}: one {@code DiagnosticReport} (status preliminary: an AI
 * aid no reader has confirmed; category RAD; LOINC 18748-4 "Diagnostic imaging study"; the study by its DICOM UID)
 * and, included, one {@code Observation} per finding of each analysed image:
 * <ul>
 *   <li>{@code code}: the catalogue's code (SNOMED CT as {@code http://snomed.info/sct}), the finding's name as text;</li>
 *   <li>{@code valueQuantity}: the score, 0 to 1 (UCUM {@code 1});</li>
 *   <li>{@code interpretation}: the call, as HL7 ObservationInterpretation: positive {@code POS}, doubtful
 *       {@code IND} (indeterminate), negative {@code NEG}; a finding not validated for calls has none, and says so;</li>
 *   <li>{@code bodySite}: the series' Body Part Examined; {@code derivedFrom}: the image by its SOP Instance UID;
 *       {@code device}: the model and its version;</li>
 *   <li>{@code note}: "Pleura is an aid to the reader, not a diagnosis".</li>
 * </ul>
 */
public final class FhirReport {

    /** The note on every resource. */
    public static final String AID_NOTE = "Pleura is an AI aid to the reader, not a diagnosis: every score and call "
            + "must be checked by a qualified reader of the image.";
    /** Media type of FHIR JSON. */
    public static final String MEDIA_TYPE = "application/fhir+json";
    static final String SNOMED = "http://snomed.info/sct";
    static final String DICOM_UID = "urn:dicom:uid";
    static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final FhirContext R4 = FhirContext.forR4Cached();

    /**
     * One analysed image of the study.
     *
     * @param sopUid   its SOP Instance UID
     * @param bodyPart its series' Body Part Examined, or empty
     * @param analysis its Analysis JSON (docs/formats.md)
     */
    public record Image(String sopUid, String bodyPart, JsonNode analysis) {
    }

    private FhirReport() {
    }

    /**
     * The searchset bundle for one study ({@code total} 1), or an empty one ({@code total} 0) when no image of it
     * was analysed.
     *
     * @param findings the catalogue entry of a finding id, for its code
     */
    public static Bundle bundle(String studyUid, List<Image> images, Function<String, Optional<Finding>> findings,
                                Date issued) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.SEARCHSET);
        b.setId(UUID.randomUUID().toString());
        List<Image> analysed = images.stream().filter(i -> i.analysis().path("findings").isArray()).toList();
        if (analysed.isEmpty()) {
            b.setTotal(0);
            return b;
        }
        DiagnosticReport report = new DiagnosticReport();
        report.setId(id(studyUid));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);
        report.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD",
                "Radiology")));
        report.setCode(new CodeableConcept(new Coding("http://loinc.org", "18748-4", "Diagnostic imaging study"))
                .setText("Pleura AI second reading"));
        report.addIdentifier(new Identifier().setSystem(DICOM_UID).setValue("urn:oid:" + studyUid));
        report.setIssued(issued);
        report.addImagingStudy(new Reference().setIdentifier(new Identifier().setSystem(DICOM_UID)
                .setValue("urn:oid:" + studyUid)).setDisplay("DICOM study " + studyUid));
        b.addEntry().setFullUrl("urn:uuid:" + UUID.nameUUIDFromBytes(("report:" + studyUid).getBytes(
                StandardCharsets.UTF_8))).setResource(report).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        List<String> positives = new ArrayList<>();
        for (Image image : analysed) {
            JsonNode a = image.analysis();
            String device = a.path("model").path("id").asText("") + " " + a.path("model").path("version").asText("");
            for (JsonNode f : a.get("findings")) {
                Observation o = observation(image, f, findings.apply(f.path("id").asText()), device.strip(), issued);
                String url = "urn:uuid:" + UUID.nameUUIDFromBytes(("observation:" + image.sopUid() + ":"
                        + f.path("id").asText()).getBytes(StandardCharsets.UTF_8));
                report.addResult(new Reference(url).setDisplay(o.getCode().getText()));
                b.addEntry().setFullUrl(url).setResource(o).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
                if ("positive".equals(f.path("call").asText())) {
                    positives.add(o.getCode().getText());
                }
            }
        }
        report.setConclusion((positives.isEmpty() ? "No finding called positive." : "Called positive: "
                + String.join(", ", positives) + ".") + " " + AID_NOTE);
        b.setTotal(1);
        return b;
    }

    private static Observation observation(Image image, JsonNode f, Optional<Finding> finding, String device,
                                           Date issued) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.PRELIMINARY);
        o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                "imaging", "Imaging")));
        String name = finding.map(Finding::nameEn).orElse(f.path("name").asText(f.path("id").asText()));
        CodeableConcept code = new CodeableConcept().setText(name);
        finding.map(Finding::code).ifPresent(c -> code.addCoding(coding(c)));
        code.addCoding(new Coding("urn:pleura:finding", f.path("id").asText(), name));
        o.setCode(code);
        o.setValue(new Quantity().setValue(f.path("score").asDouble()).setSystem("http://unitsofmeasure.org")
                .setCode("1").setUnit("score (0-1)"));
        String call = f.path("call").asText("");
        switch (call) {
            case "positive" -> o.addInterpretation(interpretation("POS", "Positive"));
            case "doubtful" -> o.addInterpretation(interpretation("IND", "Indeterminate"));
            case "negative" -> o.addInterpretation(interpretation("NEG", "Negative"));
            default -> o.addNote(new Annotation().setText("Not validated for calls: the score is shown without a "
                    + "call."));
        }
        if (!image.bodyPart().isBlank()) {
            CodeableConcept site = new CodeableConcept().setText(image.bodyPart());
            String part = image.bodyPart().toUpperCase(Locale.ROOT);
            if (part.equals("CHEST") || part.equals("THORAX")) {
                site.addCoding(new Coding(SNOMED, "51185008", "Thoracic structure"));
            }
            o.setBodySite(site);
        }
        o.addDerivedFrom(new Reference().setIdentifier(new Identifier().setSystem(DICOM_UID)
                .setValue("urn:oid:" + image.sopUid())).setDisplay("DICOM instance " + image.sopUid()));
        o.setDevice(new Reference().setDisplay(device.isEmpty() ? "Pleura" : "Pleura model " + device));
        o.setIssued(issued);
        o.addNote(new Annotation().setText(AID_NOTE));
        return o;
    }

    private static Coding coding(Code c) {
        String scheme = c.scheme().toUpperCase(Locale.ROOT);
        String system = switch (scheme) {
            case "SCT", "SNOMED", "SNOMED-CT" -> SNOMED;
            case "DCM" -> "http://dicom.nema.org/resources/ontology/DCM";
            case "RADLEX" -> "http://radlex.org";
            case "LN" -> "http://loinc.org";
            default -> "urn:pleura:code:" + c.scheme();
        };
        return new Coding(system, c.value(), c.meaning());
    }

    private static CodeableConcept interpretation(String code, String display) {
        return new CodeableConcept(new Coding(INTERPRETATION, code, display));
    }

    /** A FHIR id (64 characters at most) for a study: a hash of its UID. */
    static String id(String studyUid) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(studyUid.getBytes(StandardCharsets.US_ASCII));
            return "pleura-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundle as FHIR JSON. */
    public static String json(Bundle b) {
        return R4.newJsonParser().setPrettyPrint(false).encodeResourceToString(b);
    }
}
