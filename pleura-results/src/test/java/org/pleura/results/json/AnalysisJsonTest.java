package org.pleura.results.json;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pleura.model.result.Analysis;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.results.Fixtures;
import org.pleura.results.Language;

class AnalysisJsonTest {

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void keysAreExactlyThoseOfDesign() throws Exception {
        Analysis a = Fixtures.analysis("chest.dcm", 1000, 800);
        JsonNode root = new ObjectMapper().readTree(AnalysisJson.write(a, Language.EN));
        assertEquals(List.of("format_version", "image", "model", "abnormal", "findings", "warnings", "disclaimer"),
                keys(root));
        assertEquals(List.of("id", "version"), keys(root.get("model")));
        assertEquals("chest.dcm", root.get("image").asText());
        assertEquals("test-chest", root.get("model").get("id").asText());
        assertEquals(0.91, root.get("abnormal").asDouble(), 1e-9);
        JsonNode findings = root.get("findings");
        assertEquals(FindingCatalogue.chest().findings().size(), findings.size(), "one per finding read");
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            assertEquals(List.of("id", "name", "score", "call", "regions"), keys(f));
            assertEquals(FindingCatalogue.chest().findings().get(i).id(), f.get("id").asText(), "catalogue order");
            assertTrue(List.of("positive", "doubtful", "negative").contains(f.get("call").asText()));
            for (JsonNode r : f.get("regions")) {
                assertEquals(List.of("x", "y", "w", "h", "score"), keys(r));
            }
        }
        JsonNode effusion = findings.get(FindingCatalogue.chest().ids().indexOf("effusion"));
        assertEquals("Pleural effusion", effusion.get("name").asText());
        assertEquals("positive", effusion.get("call").asText());
        assertEquals(550.0, effusion.get("regions").get(0).get("x").asDouble(), 1e-9);
        assertEquals(240.0, effusion.get("regions").get(0).get("h").asDouble(), 1e-9);
        assertTrue(root.get("warnings").isArray());
        assertTrue(root.get("disclaimer").asText().contains("not a diagnosis"));
    }

    @Test
    void frenchNamesAndDisclaimer() throws Exception {
        JsonNode root = new ObjectMapper().readTree(AnalysisJson.write(Fixtures.analysis("x.png", 100, 100), Language.FR));
        JsonNode effusion = root.get("findings").get(FindingCatalogue.chest().ids().indexOf("effusion"));
        assertEquals("Épanchement pleural", effusion.get("name").asText());
        assertTrue(root.get("disclaimer").asText().contains("pas un diagnostic"));
    }

    @Test
    void refusedAnalysisHasNoScoreAndSaysWhy() throws Exception {
        Analysis refused = new Analysis("ct.dcm", Fixtures.MODEL, null, List.of(),
                List.of("Refused: the DICOM header says Modality CT"));
        JsonNode root = new ObjectMapper().readTree(AnalysisJson.write(refused, Language.EN));
        assertTrue(root.get("abnormal").isNull());
        assertEquals(0, root.get("findings").size());
        assertEquals("Refused: the DICOM header says Modality CT", root.get("warnings").get(0).asText());
        assertEquals(List.of("format_version", "image", "model", "abnormal", "findings", "warnings", "disclaimer"),
                keys(root));
    }
}
