package org.pleura.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.server.audit.AuditQuery;
import org.pleura.server.auth.Role;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;

/**
 * {@code GET /fhir/DiagnosticReport?study=UID} after a real analysis: parsed back with HAPI FHIR's strict parser
 * (unknown elements, bad values and bad references fail), and checked against the Analysis JSON of the same study.
 */
class FhirResultsTest {

    private static final String PASSWORD = TestNode.PASSWORD;

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    @Test
    void diagnosticReportWithOneObservationPerFindingParsesStrictlyAndMatchesTheAnalysis() throws Exception {
        server = TestNode.withUsers(tmp.resolve("data"), b -> b.model(TestModel.path()));
        Http anonymous = server.http();
        Http paul = server.user("paul", Role.CLINICIAN);
        Http root = server.user("root", Role.ADMIN);
        Path dcm = SharedImages.chestFiles().stream().filter(p -> p.toString().contains("NIHdx_Pneumothorax"))
                .findFirst().orElseThrow();
        var sent = root.post("/api/images", Files.readAllBytes(dcm),
                "Content-Type", "application/dicom");
        assertEquals(202, sent.statusCode(), new String(sent.body()));
        JsonNode accepted = Http.parse(sent.body());
        String study = accepted.get("studyInstanceUid").asText();
        String sop = accepted.get("sopInstanceUid").asText();

        Jobs.await(server, Duration.ofMinutes(2), "the analysis", () -> {
            try {
                return paul.get("/api/instances/" + sop + "/analysis").statusCode() == 200;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        HttpResponse<byte[]> analysis = paul.get("/api/instances/" + sop + "/analysis");
        JsonNode a = Http.parse(analysis.body());

        assertEquals(401, anonymous.get("/fhir/DiagnosticReport?study=" + study).statusCode());
        HttpResponse<byte[]> r = paul.get("/fhir/DiagnosticReport?study=" + study);
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("application/fhir+json", r.headers().firstValue("Content-Type").orElse(""));

        IParser parser = FhirContext.forR4Cached().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        Bundle b = parser.parseResource(Bundle.class, new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Bundle.BundleType.SEARCHSET, b.getType());
        assertEquals(1, b.getTotal());
        DiagnosticReport report = (DiagnosticReport) b.getEntry().get(0).getResource();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY, report.getStatus());
        assertEquals("urn:oid:" + study, report.getIdentifierFirstRep().getValue());
        assertTrue(report.getConclusion().contains("not a diagnosis"));
        List<Observation> observations = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
        assertEquals(a.get("findings").size(), observations.size(), "one Observation per finding");
        assertEquals(observations.size(), report.getResult().size());
        Map<String, JsonNode> byId = new HashMap<>();
        a.get("findings").forEach(f -> byId.put(f.get("id").asText(), f));
        FindingCatalogue chest = FindingCatalogue.chest();
        for (Observation o : observations) {
            String id = o.getCode().getCoding().stream().filter(c -> c.getSystem().equals("urn:pleura:finding"))
                    .findFirst().orElseThrow().getCode();
            JsonNode f = byId.get(id);
            assertEquals(f.get("score").asDouble(), o.getValueQuantity().getValue().doubleValue(), 1e-9, id);
            String expected = switch (f.get("call").asText()) {
                case "positive" -> "POS";
                case "doubtful" -> "IND";
                case "negative" -> "NEG";
                default -> "";
            };
            assertEquals(expected, o.getInterpretation().isEmpty() ? "" : o.getInterpretationFirstRep()
                    .getCodingFirstRep().getCode(), id);
            chest.find(id).filter(c -> c.code().scheme().equals("SCT")).ifPresent(c -> assertTrue(o.getCode()
                    .getCoding().stream().anyMatch(x -> x.getSystem().equals("http://snomed.info/sct")
                            && x.getCode().equals(c.code().value())), id + " carries its SNOMED CT code"));
            assertEquals("urn:oid:" + sop, o.getDerivedFromFirstRep().getIdentifier().getValue());
            assertTrue(o.getDevice().getDisplay().contains(a.get("model").get("id").asText()));
            assertTrue(o.getNote().stream().anyMatch(n -> n.getText().contains("not a diagnosis")));
        }

        Bundle none = parser.parseResource(Bundle.class, new String(paul.get("/fhir/DiagnosticReport?study=1.2.3")
                .body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, none.getTotal());
        assertEquals(400, paul.get("/fhir/DiagnosticReport").statusCode());
        assertTrue(server.readingRoom().audit().find(new AuditQuery(0, 0, "paul", "data.read", study, 10, 0))
                .stream()
                .anyMatch(e -> e.detail().startsWith("GET /fhir/DiagnosticReport -> 200")), "the FHIR read is audited");
    }
}
