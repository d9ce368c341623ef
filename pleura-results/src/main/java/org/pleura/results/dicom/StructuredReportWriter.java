package org.pleura.results.dicom;

import static org.pleura.results.dicom.ContentItems.CONTAINS;
import static org.pleura.results.dicom.ContentItems.HAS_CONCEPT_MOD;
import static org.pleura.results.dicom.ContentItems.HAS_OBS_CONTEXT;
import static org.pleura.results.dicom.ContentItems.INFERRED_FROM;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.WriteOptions;
import org.pleura.model.result.Analysis;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.Region;
import org.pleura.model.catalogue.Code;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.results.Language;

/**
 * The analysis as a DICOM Comprehensive SR following TID 1500 "Measurement Report" as IHE AI Results (AIR) uses
 * it:
 * <pre>
 * CONTAINER (126000, DCM, "Imaging Measurement Report")            template DCMR 1500
 *   HAS CONCEPT MOD  CODE  Language of Content Item and Descendants (TID 1204)
 *   HAS OBS CONTEXT  CODE  Observer Type = Device, then UIDREF/TEXT device observer UID, name, manufacturer,
 *                          model name (TID 1002, 1004)
 *   HAS CONCEPT MOD  CODE  Procedure reported
 *   CONTAINS CONTAINER Image Library > Image Library Group > IMAGE (the source)          (TID 1600)
 *   CONTAINS CONTAINER Imaging Measurements
 *     CONTAINS CONTAINER Measurement Group, one per catalogue finding the model reads     (TID 1501)
 *       Tracking Identifier, Tracking Unique Identifier, Finding = the catalogue's code,
 *       Algorithm Name and Version (TID 4019), NUM Certainty of Finding = score {probability}
 *       inferred from the source image, CODE finding = Present | Equivocal | Absent (the call)
 *     CONTAINS CONTAINER Measurement Group, one per region                                 (TID 1410)
 *       ... SCOORD Image Region (closed POLYLINE rectangle) selected from the source image,
 *       NUM Certainty of Finding = the region's score, CODE finding = the call
 *   CONTAINS CONTAINER Qualitative Evaluations
 *     CONTAINS TEXT Comment = "Pleura is an AI aid to the reader, not a diagnosis..."
 * </pre>
 * A new instance in the source's study, in a new series described as {@value #SERIES_DESCRIPTION}, with the
 * patient and study copied and the source listed as evidence; Completion Flag COMPLETE, Verification Flag
 * UNVERIFIED (no person has verified it).
 *
 * <pre>{@code
 * byte[] sr = new StructuredReportWriter(catalogue).write(source, analysis, Language.EN, producer, uids.srSeries(), uids.srInstance());
 * }</pre>
 *
 * Thread-safe (no state).
 */
public final class StructuredReportWriter {

    /** The series description of every Pleura SR. */
    public static final String SERIES_DESCRIPTION = "Pleura AI findings (not for diagnosis)";
    /** The series number of Pleura SRs. */
    public static final int SERIES_NUMBER = 9902;

    private static final Tag MAPPING_RESOURCE = Tag.forKeyword("MappingResource");
    private static final Tag TEMPLATE_IDENTIFIER = Tag.forKeyword("TemplateIdentifier");
    private static final Tag REFERENCED_SOP_SEQUENCE = Tag.forKeyword("ReferencedSOPSequence");
    private static final Tag PERFORMED_PROCEDURE_CODES = Tag.forKeyword("PerformedProcedureCodeSequence");

    private final Code procedure;

    /** A writer for analyses of a catalogue's findings (the catalogue decides the procedure reported). */
    public StructuredReportWriter(FindingCatalogue catalogue) {
        this.procedure = Codes.procedureFor(catalogue.id());
    }

    /**
     * The SR data set.
     *
     * @param source     the analysed image (referenced; patient and study copied)
     * @param analysis   the findings (not refused: it has scores)
     * @param language   language of the finding names and text
     * @param producer   software and model
     * @param seriesUid  the SR series
     * @param instanceUid the SR's SOP Instance UID
     */
    public DicomObject build(SourceImage source, Analysis analysis, Language language, Producer producer,
                             String seriesUid, String instanceUid) {
        Objects.requireNonNull(analysis.abnormal(), "a refused analysis has no findings to report");
        ZonedDateTime now = ZonedDateTime.now();
        String study = source.resultStudyUid();
        DicomObject.Builder b = CommonAttributes.start(source, study, UID.COMPREHENSIVE_SR_STORAGE, instanceUid,
                "SR", seriesUid, SERIES_NUMBER, SERIES_DESCRIPTION, producer, now);
        b.putSequence(Tag.ReferencedPerformedProcedureStepSequence, List.of());
        b.putString(Tag.CompletionFlag, "COMPLETE");
        b.putString(Tag.VerificationFlag, "UNVERIFIED");
        b.putSequence(PERFORMED_PROCEDURE_CODES, List.of());
        if (source.referenceable()) {
            DicomObject series = DicomObject.builder()
                    .putString(Tag.SeriesInstanceUID, source.seriesInstanceUid().isEmpty()
                            ? UID.generate() : source.seriesInstanceUid())
                    .putSequence(REFERENCED_SOP_SEQUENCE, source.reference()).build();
            b.putSequence(Tag.CurrentRequestedProcedureEvidenceSequence, DicomObject.builder()
                    .putString(Tag.StudyInstanceUID, study)
                    .putSequence(Tag.ReferencedSeriesSequence, series).build());
        }
        b.putString(Tag.ValueType, "CONTAINER");
        b.putSequence(Tag.ConceptNameCodeSequence, Codes.item(Codes.IMAGING_MEASUREMENT_REPORT));
        b.putString(Tag.ContinuityOfContent, "SEPARATE");
        b.putSequence(Tag.ContentTemplateSequence, DicomObject.builder()
                .putString(MAPPING_RESOURCE, "DCMR").putString(TEMPLATE_IDENTIFIER, "1500").build());
        b.putSequence(Tag.ContentSequence, content(source, analysis, language, producer, instanceUid));
        return b.build();
    }

    /** The SR as a Part 10 file (explicit VR little endian). */
    public byte[] write(SourceImage source, Analysis analysis, Language language, Producer producer,
                        String seriesUid, String instanceUid) {
        DicomObject ds = build(source, analysis, language, producer, seriesUid, instanceUid);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            DicomWriter.write(out, DicomObject.empty(), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    WriteOptions.DEFAULT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the structured report: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private List<DicomObject> content(SourceImage source, Analysis analysis, Language language,
                                             Producer producer, String instanceUid) {
        List<DicomObject> root = new ArrayList<>();
        root.add(ContentItems.code(HAS_CONCEPT_MOD, Codes.LANGUAGE,
                new Code("RFC5646", language.code(), language.englishName())));
        root.add(ContentItems.code(HAS_OBS_CONTEXT, Codes.OBSERVER_TYPE, Codes.DEVICE));
        root.add(ContentItems.uidref(HAS_OBS_CONTEXT, Codes.DEVICE_OBSERVER_UID, producer.deviceUid()));
        root.add(ContentItems.text(HAS_OBS_CONTEXT, Codes.DEVICE_OBSERVER_NAME, producer.software()));
        root.add(ContentItems.text(HAS_OBS_CONTEXT, Codes.DEVICE_OBSERVER_MANUFACTURER, producer.manufacturer()));
        root.add(ContentItems.text(HAS_OBS_CONTEXT, Codes.DEVICE_OBSERVER_MODEL_NAME,
                producer.model().id() + " " + producer.model().version()));
        root.add(ContentItems.code(HAS_CONCEPT_MOD, Codes.PROCEDURE_REPORTED, procedure));
        root.add(ContentItems.container(CONTAINS, Codes.IMAGE_LIBRARY, List.of(
                ContentItems.container(CONTAINS, Codes.IMAGE_LIBRARY_GROUP, List.of(
                        ContentItems.image(CONTAINS, null, source))))));

        List<DicomObject> measurements = new ArrayList<>();
        measurements.add(findingGroup(analysis.abnormal(), language, producer, instanceUid, source));
        for (FindingResult r : analysis.results()) {
            measurements.add(findingGroup(r, language, producer, instanceUid, source));
        }
        for (FindingResult r : analysis.results()) {
            int n = 0;
            for (Region region : r.regions()) {
                measurements.add(regionGroup(r, region, ++n, language, producer, instanceUid, source));
            }
        }
        root.add(ContentItems.container(CONTAINS, Codes.IMAGING_MEASUREMENTS, measurements));
        root.add(ContentItems.container(CONTAINS, Codes.QUALITATIVE_EVALUATIONS, List.of(
                ContentItems.text(CONTAINS, Codes.COMMENT, language.disclaimer()))));
        return root;
    }

    private static DicomObject findingGroup(FindingResult r, Language language, Producer producer,
                                            String instanceUid, SourceImage source) {
        List<DicomObject> items = new ArrayList<>();
        String id = r.finding().id();
        items.add(ContentItems.text(HAS_OBS_CONTEXT, Codes.TRACKING_IDENTIFIER, language.name(r.finding())));
        items.add(ContentItems.uidref(HAS_OBS_CONTEXT, Codes.TRACKING_UID, OutputUids.nameBased(instanceUid + ":" + id)));
        items.add(ContentItems.code(CONTAINS, Codes.FINDING, r.finding().code()));
        addAlgorithm(items, producer);
        items.add(ContentItems.num(CONTAINS, Codes.CERTAINTY_OF_FINDING, r.score(), Codes.PROBABILITY_UNIT,
                source.referenceable() ? List.of(ContentItems.image(INFERRED_FROM, Codes.SOURCE_OF_MEASUREMENT, source))
                        : List.of()));
        addCall(items, r.finding(), r.call(), language);
        return ContentItems.container(CONTAINS, Codes.MEASUREMENT_GROUP, items);
    }

    /** The call as the finding's qualitative value, or a comment saying the finding is not validated for calls. */
    private static void addCall(List<DicomObject> items, Finding finding, Call call, Language language) {
        var code = Codes.of(call);
        if (code.isPresent()) {
            items.add(ContentItems.code(CONTAINS, finding.code(), code.get()));
        } else {
            items.add(ContentItems.text(CONTAINS, Codes.COMMENT, language.name(finding) + ": " + language.call(call)));
        }
    }

    private static DicomObject regionGroup(FindingResult r, Region region, int n, Language language,
                                           Producer producer, String instanceUid, SourceImage source) {
        List<DicomObject> items = new ArrayList<>();
        String id = r.finding().id();
        items.add(ContentItems.text(HAS_OBS_CONTEXT, Codes.TRACKING_IDENTIFIER, language.name(r.finding()) + " " + n));
        items.add(ContentItems.uidref(HAS_OBS_CONTEXT, Codes.TRACKING_UID,
                OutputUids.nameBased(instanceUid + ":" + id + ":" + n)));
        items.add(ContentItems.code(CONTAINS, Codes.FINDING, r.finding().code()));
        addAlgorithm(items, producer);
        items.add(ContentItems.rectangle(CONTAINS, Codes.IMAGE_REGION, region.x(), region.y(), region.w(), region.h(),
                source));
        items.add(ContentItems.num(CONTAINS, Codes.CERTAINTY_OF_FINDING, region.score(), Codes.PROBABILITY_UNIT,
                List.of()));
        addCall(items, r.finding(), region.callOr(r.call()), language);
        return ContentItems.container(CONTAINS, Codes.MEASUREMENT_GROUP, items);
    }

    private static void addAlgorithm(List<DicomObject> items, Producer producer) {
        items.add(ContentItems.text(HAS_CONCEPT_MOD, Codes.ALGORITHM_NAME, producer.algorithmName()));
        items.add(ContentItems.text(HAS_CONCEPT_MOD, Codes.ALGORITHM_VERSION, producer.model().version()));
    }
}
