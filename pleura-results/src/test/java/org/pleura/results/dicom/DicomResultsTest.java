package org.pleura.results.dicom;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.Tag;
import org.pleura.dicom.UID;
import org.pleura.image.Radiograph;
import org.pleura.image.RadiographReader;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.FindingResult;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.results.Fixtures;
import org.pleura.results.Language;
import org.pleura.results.overlay.OverlayRenderer;

/** The Secondary Capture and the Structured Report of real radiographs, checked with dciodvfy, dcmtk and a re-read. */
class DicomResultsTest {

    @TempDir
    Path tmp;

    private static final Tag REFERENCED_SOP_SEQUENCE = Tag.forKeyword("ReferencedSOPSequence");

    private record Written(Radiograph source, Analysis analysis, BufferedImage overlay, OutputUids uids, Path sc,
                           Path sr) {
    }

    private Written write(String corpusFile, Language language) throws Exception {
        Radiograph r = RadiographReader.read(Fixtures.dicom(corpusFile));
        Analysis a = Fixtures.analysis(corpusFile, r.columns(), r.rows());
        SourceImage source = new SourceImage(r.dicomHeader().orElseThrow());
        Producer producer = Producer.pleura(a.model());
        OutputUids uids = OutputUids.derived(source.studyInstanceUid(), source.sopInstanceUid(), a.model());
        BufferedImage overlay = new OverlayRenderer().render(r.display(), a, language).image();
        Path sc = tmp.resolve("out.sc.dcm");
        Path sr = tmp.resolve("out.sr.dcm");
        Files.write(sc, new SecondaryCaptureWriter().write(source, overlay, producer, uids.scSeries(), uids.scInstance()));
        Files.write(sr, new StructuredReportWriter(FindingCatalogue.chest()).write(source, a, language, producer,
                uids.srSeries(), uids.srInstance()));
        return new Written(r, a, overlay, uids, sc, sr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"real_original/fo-dicom/CR-MONO1-10-chest.dcm", "real_original/pydicom-data/RG1_J2KI.dcm",
            "derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_JPEGLSLossless.dcm",
            "real_original/SIIM_1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm"})
    void secondaryCaptureAndReportValidateWithoutErrors(String file) throws Exception {
        Written w = write(file, Language.FR);
        assertEquals(List.of(), Fixtures.dciodvfyErrors(w.sc()), "dciodvfy on the SC of " + file);
        assertEquals(List.of(), Fixtures.dciodvfyErrors(w.sr()), "dciodvfy on the SR of " + file);
    }

    @Test
    void secondaryCaptureIsANewInstanceOfTheSameStudyReferencingTheSource() throws Exception {
        Written w = write("derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_RLE.dcm", Language.EN);
        DicomObject src = w.source().dicomHeader().orElseThrow();
        DicomObject sc = DicomReader.read(w.sc()).dataset();
        assertEquals(UID.SECONDARY_CAPTURE_IMAGE_STORAGE, sc.getString(Tag.SOPClassUID));
        assertEquals(src.getString(Tag.StudyInstanceUID), sc.getString(Tag.StudyInstanceUID));
        assertEquals(src.getString(Tag.PatientID), sc.getString(Tag.PatientID));
        assertEquals(src.getString(Tag.PatientName), sc.getString(Tag.PatientName));
        assertEquals(w.uids().scSeries(), sc.getString(Tag.SeriesInstanceUID));
        assertNotEquals(src.getString(Tag.SeriesInstanceUID), sc.getString(Tag.SeriesInstanceUID));
        assertEquals(w.uids().scInstance(), sc.getString(Tag.SOPInstanceUID));
        assertEquals(List.of("DERIVED", "SECONDARY"), sc.getStrings(Tag.ImageType));
        assertEquals("WSD", sc.getString(Tag.ConversionType));
        assertEquals("YES", sc.getString(Tag.BurnedInAnnotation));
        assertEquals(SecondaryCaptureWriter.SERIES_DESCRIPTION, sc.getString(Tag.SeriesDescription));
        assertTrue(sc.getString(Tag.SeriesDescription).contains("not for diagnosis"));
        assertEquals("Pleura project", sc.getString(Tag.Manufacturer));
        assertTrue(sc.getStrings(Tag.SoftwareVersions).contains("test-chest 0.0.1"), sc.getStrings(Tag.SoftwareVersions).toString());
        DicomObject ref = sc.getSequence(Tag.SourceImageSequence).get(0);
        assertEquals(src.getString(Tag.SOPInstanceUID), ref.getString(Tag.ReferencedSOPInstanceUID));
        assertEquals(src.getString(Tag.SOPClassUID), ref.getString(Tag.ReferencedSOPClassUID));
        assertEquals("RGB", sc.getString(Tag.PhotometricInterpretation));
        assertEquals(w.overlay().getWidth(), sc.getInt(Tag.Columns));
        assertEquals(w.overlay().getHeight(), sc.getInt(Tag.Rows));
    }

    @Test
    void secondaryCapturePixelsDecodeWithDcmtkToTheOverlay() throws Exception {
        Fixtures.requireTool("dcmj2pnm");
        Written w = write("real_original/fo-dicom/CR-MONO1-10-chest.dcm", Language.EN);
        Path ppm = tmp.resolve("sc.ppm");
        Fixtures.Run run = Fixtures.run("dcmj2pnm", "--write-raw-pnm", w.sc().toString(), ppm.toString());
        assertEquals(0, run.status(), run.output());
        byte[] b = Files.readAllBytes(ppm);
        // P6 header: "P6\n<w> <h>\n255\n"
        String head = new String(b, 0, 40, StandardCharsets.US_ASCII);
        String[] tokens = head.split("\\s+");
        assertEquals("P6", tokens[0]);
        int width = Integer.parseInt(tokens[1]);
        int height = Integer.parseInt(tokens[2]);
        assertEquals(w.overlay().getWidth(), width);
        assertEquals(w.overlay().getHeight(), height);
        int offset = b.length - width * height * 3;
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 5) {
                int rgb = w.overlay().getRGB(x, y) & 0xFFFFFF;
                int o = offset + (y * width + x) * 3;
                int got = ((b[o] & 0xFF) << 16) | ((b[o + 1] & 0xFF) << 8) | (b[o + 2] & 0xFF);
                assertEquals(rgb, got, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void reportHasOneGroupPerFindingWithCatalogueCodesScoresCallsAndRegionsOnTheSource() throws Exception {
        Written w = write("derived_transcodes/CRchest440_MONO1_explicitLE.dcm", Language.EN);
        DicomObject src = w.source().dicomHeader().orElseThrow();
        DicomObject sr = DicomReader.read(w.sr()).dataset();
        assertEquals(UID.COMPREHENSIVE_SR_STORAGE, sr.getString(Tag.SOPClassUID));
        assertEquals("SR", sr.getString(Tag.Modality));
        assertEquals(src.getString(Tag.StudyInstanceUID), sr.getString(Tag.StudyInstanceUID));
        assertEquals(w.uids().srInstance(), sr.getString(Tag.SOPInstanceUID));
        assertEquals(w.uids().srSeries(), sr.getString(Tag.SeriesInstanceUID));
        assertEquals("126000", sr.getSequence(Tag.ConceptNameCodeSequence).get(0).getString(Tag.CodeValue));
        assertEquals("1500", sr.getSequence(Tag.ContentTemplateSequence).get(0).getString(Tag.forKeyword("TemplateIdentifier")));
        DicomObject evidence = sr.getSequence(Tag.CurrentRequestedProcedureEvidenceSequence).get(0);
        DicomObject evidenceRef = evidence.getSequence(Tag.ReferencedSeriesSequence).get(0)
                .getSequence(REFERENCED_SOP_SEQUENCE).get(0);
        assertEquals(src.getString(Tag.SOPInstanceUID), evidenceRef.getString(Tag.ReferencedSOPInstanceUID));

        List<DicomObject> all = new ArrayList<>();
        flatten(sr.getSequence(Tag.ContentSequence), all);
        List<DicomObject> groups = all.stream().filter(i -> conceptValue(i).equals("125007")).toList();
        int regions = w.analysis().results().stream().mapToInt(r -> r.regions().size()).sum();
        assertEquals(1 + w.analysis().results().size() + regions, groups.size(),
                "abnormal, one group per finding, one per region");
        for (FindingResult r : w.analysis().results()) {
            String code = r.finding().code().value();
            assertTrue(groups.stream().anyMatch(g -> seq(g, Tag.ContentSequence).stream().anyMatch(
                    i -> conceptValue(i).equals("121071") && codeValue(i).equals(code))), "group for " + r.finding().id());
        }
        List<DicomObject> scoords = all.stream().filter(i -> "SCOORD".equals(i.getString(Tag.ValueType, ""))).toList();
        assertEquals(regions, scoords.size());
        for (DicomObject s : scoords) {
            assertEquals("POLYLINE", s.getString(Tag.forKeyword("GraphicType")));
            assertEquals(10, s.getDoubles(Tag.forKeyword("GraphicData")).length, "closed rectangle: 5 points");
            DicomObject image = s.getSequence(Tag.ContentSequence).get(0);
            assertEquals("SELECTED FROM", image.getString(Tag.RelationshipType));
            assertEquals(src.getString(Tag.SOPInstanceUID),
                    image.getSequence(REFERENCED_SOP_SEQUENCE).get(0).getString(Tag.ReferencedSOPInstanceUID));
        }
        long nums = all.stream().filter(i -> "NUM".equals(i.getString(Tag.ValueType, ""))).count();
        assertEquals(groups.size(), nums, "a score in every group");
        assertTrue(all.stream().anyMatch(i -> "TEXT".equals(i.getString(Tag.ValueType, ""))
                && i.getString(Tag.TextValue, "").contains("not a diagnosis")), "the aid-not-a-diagnosis statement");
    }

    @Test
    void dsrdumpReadsTheReport() throws Exception {
        Fixtures.requireTool("dsrdump");
        Written w = write("real_original/pydicom-data/RG1_J2KI.dcm", Language.FR);
        Fixtures.Run run = Fixtures.run("dsrdump", w.sr().toString());
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("Imaging Measurement Report"), run.output());
        assertTrue(run.output().contains("Certainty of Finding"));
        assertTrue(run.output().contains("Pleural effusion"), "catalogue code meaning");
        assertTrue(run.output().contains("SCOORD"));
        assertFalse(run.output().contains("E: "), run.output());
        Fixtures.Run dump = Fixtures.run("dcmdump", w.sc().toString());
        assertEquals(0, dump.status());
        assertTrue(dump.output().contains("Pleura AI overlay"));
    }

    @Test
    void uidsAreStablePerSourceAndModel() {
        OutputUids a = OutputUids.derived("1.2.3", "1.2.3.4", Fixtures.MODEL);
        OutputUids b = OutputUids.derived("1.2.3", "1.2.3.4", Fixtures.MODEL);
        OutputUids c = OutputUids.derived("1.2.3", "1.2.3.5", Fixtures.MODEL);
        assertEquals(a, b);
        assertNotEquals(a.scInstance(), c.scInstance());
        assertEquals(a.scSeries(), c.scSeries(), "one SC series per study and model");
        assertNotEquals(a.scSeries(), a.srSeries());
    }

    private static List<DicomObject> seq(DicomObject o, Tag t) {
        try {
            return o.getSequence(t);
        } catch (org.pleura.dicom.DicomAttributeException e) {
            throw new AssertionError(e);
        }
    }

    private static void flatten(List<DicomObject> items, List<DicomObject> out) {
        for (DicomObject i : items) {
            out.add(i);
            if (i.contains(Tag.ContentSequence)) {
                flatten(seq(i, Tag.ContentSequence), out);
            }
        }
    }

    private static String conceptValue(DicomObject item) {
        return item.contains(Tag.ConceptNameCodeSequence)
                ? seq(item, Tag.ConceptNameCodeSequence).get(0).getString(Tag.CodeValue, "") : "";
    }

    private static String codeValue(DicomObject item) {
        return item.contains(Tag.ConceptCodeSequence)
                ? seq(item, Tag.ConceptCodeSequence).get(0).getString(Tag.CodeValue, "") : "";
    }
}
