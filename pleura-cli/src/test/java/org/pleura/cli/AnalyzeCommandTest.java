package org.pleura.cli;

import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.image.RadiographReader;
import org.pleura.model.catalogue.FindingCatalogue;

/** {@code pleura analyze} on a mix of real inputs with a small random-weights model (the flow, not the scores). */
class AnalyzeCommandTest {

    @TempDir
    static Path tmp;

    static Path model;

    @BeforeAll
    static void randomModel() throws Exception {
        model = TestModels.random(tmp.resolve("model"));
    }

    private static Path dicom(String rel) {
        return DumpAndConvertTest.shared("data/dicom/" + rel);
    }

    @Test
    void mixOfInputsWritesArtefactsReportsBadFilesAndFailsTheExitStatus() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path png = in.resolve("chest-from-dicom.png");
        ImageIO.write(RadiographReader.read(dicom("real_original/fo-dicom/CR-MONO1-10-chest.dcm")).display()
                .toBufferedImage(), "png", png.toFile());
        Path corrupt = in.resolve("corrupt.dcm");
        byte[] good = Files.readAllBytes(dicom("derived_transcodes/CRchest440_MONO1_RLE.dcm"));
        Files.write(corrupt, java.util.Arrays.copyOf(good, 2000));
        Path jpg = DumpAndConvertTest.shared("data/nih-cxr/images");
        Path firstJpg;
        try (var s = Files.list(jpg)) {
            firstJpg = s.sorted().findFirst().orElseThrow();
        }
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("analyze", "--model", model.toString(), "--out", out.toString(),
                dicom("derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm").toString(),
                dicom("derived_transcodes/CRchest440_MONO1_explicitBE.dcm").toString(),
                dicom("real_original/pydicom-data/RG1_J2KI.dcm").toString(),
                dicom("derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_J2KLossless.dcm").toString(),
                dicom("real_original/pydicom-data/MR2_J2KR.dcm").toString(),
                firstJpg.toString(), in.toString());

        assertEquals(1, run.status(), "a refused and a failed input make the exit status non-zero\n" + run.out() + run.err());
        List<String> rows = run.out().lines().toList();
        assertTrue(rows.get(0).contains("not a diagnosis"), "the first line carries the notice: " + rows.get(0));
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("MR2_J2KR.dcm  REFUSED:") && l.contains("MR")), run.out());
        assertTrue(run.err().contains("corrupt.dcm: "), "the bad file is named: " + run.err());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("RG1_J2KI.dcm  ")
                && !l.contains("REFUSED") && !l.contains("FAILED")), run.out());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("chest-from-dicom.png  ") && !l.contains("REFUSED")), run.out());
        assertTrue(rows.get(rows.size() - 1).startsWith("6 analysed, 1 refused, 1 failed"), rows.get(rows.size() - 1));

        for (String name : List.of("CRchest440_MONO1_JPEGLSLossless", "RG1_J2KI",
                "NIHdx_Pneumothorax_MONO2_8bit_J2KLossless")) {
            for (String ext : List.of(".json", ".overlay.png", ".sc.dcm", ".sr.dcm")) {
                assertTrue(Files.size(out.resolve(name + ext)) > 0, name + ext);
            }
        }
        for (String name : List.of("CRchest440_MONO1_JPEGLSLossless", "RG1_J2KI")) {
            Path source = name.startsWith("RG1") ? dicom("real_original/pydicom-data/RG1_J2KI.dcm")
                    : dicom("derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm");
            assertFhirReport(out.resolve(name + ".fhir.json"), out.resolve(name + ".json"), source);
        }
        String jpgName = firstJpg.getFileName().toString().replace(".jpg", "").replace(".png", "");
        assertFalse(Files.exists(out.resolve(jpgName + ".fhir.json")), "no FHIR report without a DICOM study");
        assertTrue(Files.exists(out.resolve(jpgName + ".json")));
        assertTrue(Files.exists(out.resolve(jpgName + ".overlay.png")));
        assertFalse(Files.exists(out.resolve(jpgName + ".sc.dcm")), "no DICOM results for a picture");
        JsonNode refused = new ObjectMapper().readTree(out.resolve("MR2_J2KR.json").toFile());
        assertTrue(refused.get("abnormal").isNull());
        assertFalse(Files.exists(out.resolve("MR2_J2KR.overlay.png")), "no picture for a refused image");
        assertFalse(Files.exists(out.resolve("corrupt.json")));
    }

    @Test
    void jsonModePrintsOneParseableAnalysisPerImageInFrench() throws Exception {
        CliRun run = CliRun.of("analyze", "--model", model.toString(), "--json", "--lang", "fr",
                dicom("derived_transcodes/CRchest440_MONO1_Deflated.dcm").toString(),
                dicom("real_original/pydicom-data/693_J2KR.dcm").toString());
        assertEquals(1, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        JsonNode chest = new ObjectMapper().readTree(lines.get(0));
        assertEquals("CRchest440_MONO1_Deflated.dcm", chest.get("image").asText());
        assertEquals(FindingCatalogue.chest().findings().size(), chest.get("findings").size());
        assertTrue(chest.get("disclaimer").asText().contains("pas un diagnostic"));
        assertTrue(chest.get("findings").get(1).get("name").asText().startsWith("Épanchement"));
        JsonNode ct = new ObjectMapper().readTree(lines.get(1));
        assertTrue(ct.get("warnings").get(0).asText().startsWith("Refusé"), ct.toString());
    }

    @Test
    void allChestImagesGiveExitStatusZero() {
        CliRun run = CliRun.of("analyze", "--model", model.toString(),
                dicom("derived_transcodes/CRchest440_MONO1_implicitLE.dcm").toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("1 analysed, 0 refused, 0 failed"), run.out());
    }

    @Test
    void unknownLanguageIsAUsageError() {
        CliRun run = CliRun.of("analyze", "--model", model.toString(), "--lang", "de", "x.dcm");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("en or fr"), run.err());
    }

    /** The FHIR file parses strictly (HAPI FHIR) and says what the Analysis JSON says, for the source's study. */
    private static void assertFhirReport(Path fhir, Path analysisJson, Path source) throws Exception {
        IParser parser = FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        Bundle b = parser.parseResource(Bundle.class, Files.readString(fhir));
        var header = org.pleura.dicom.DicomReader.read(source, org.pleura.dicom.ReadOptions.HEADER_ONLY).dataset();
        String study = header.getString(org.pleura.dicom.Tag.StudyInstanceUID);
        String sop = header.getString(org.pleura.dicom.Tag.SOPInstanceUID);
        assertEquals(1, b.getTotal(), fhir.toString());
        DiagnosticReport report = (DiagnosticReport) b.getEntry().get(0).getResource();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY, report.getStatus(), "an AI aid, unconfirmed");
        assertEquals("urn:oid:" + study, report.getIdentifierFirstRep().getValue());
        assertTrue(report.getConclusion().contains("not a diagnosis"), report.getConclusion());
        JsonNode analysis = new ObjectMapper().readTree(analysisJson.toFile());
        List<Observation> observations = b.getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Observation).map(r -> (Observation) r).toList();
        assertEquals(analysis.get("findings").size(), observations.size(), "one Observation per finding");
        for (int i = 0; i < observations.size(); i++) {
            Observation o = observations.get(i);
            JsonNode f = analysis.get("findings").get(i);
            assertEquals(f.get("score").asDouble(), o.getValueQuantity().getValue().doubleValue(), 1e-9);
            assertEquals("urn:oid:" + sop, o.getDerivedFromFirstRep().getIdentifier().getValue());
            assertTrue(o.getCode().getCoding().stream().anyMatch(c -> c.getCode().equals(f.get("id").asText())));
        }
    }
}
