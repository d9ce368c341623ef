package org.pleura.model.catalogue;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindingCatalogueTest {

    @Test
    void chestCatalogueHasDesignIdsInOrderWithNamesAndCodes() {
        FindingCatalogue c = FindingCatalogue.chest();
        assertEquals("chest", c.id());
        assertEquals(List.of("pneumothorax", "effusion", "consolidation", "nodule", "cardiomegaly", "atelectasis",
                "edema", "infiltration", "emphysema", "fibrosis", "pleural_thickening", "hernia"), c.ids());
        assertEquals("abnormal", c.studyLevel().id());
        Set<String> codes = new HashSet<>();
        for (Finding f : c.findings()) {
            assertFalse(f.nameEn().isBlank(), f.id());
            assertFalse(f.nameFr().isBlank(), f.id());
            assertTrue(Set.of("SCT", "DCM", "RADLEX").contains(f.code().scheme()), f.id() + " " + f.code());
            assertTrue(f.code().value().matches("\\d+"), f.id() + " code value " + f.code().value());
            assertTrue(codes.add(f.code().scheme() + ":" + f.code().value()), "code used twice: " + f.code());
        }
        assertEquals("36118008", c.get("pneumothorax").code().value());
        assertEquals("60046008", c.get("effusion").code().value());
        // The hospital's triage: pneumothorax, effusion and alveolar syndrome are urgent, nodules need follow-up.
        assertEquals(Urgency.URGENT, c.get("pneumothorax").urgency());
        assertEquals(Urgency.URGENT, c.get("effusion").urgency());
        assertEquals(Urgency.URGENT, c.get("consolidation").urgency());
        assertEquals(Urgency.FOLLOW_UP, c.get("nodule").urgency());
        assertEquals("Épanchement pleural", c.get("effusion").name("fr"));
        assertEquals("Pleural effusion", c.get("effusion").name("en"));
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        CatalogueException e = assertThrows(CatalogueException.class, () -> FindingCatalogue.chest().get("fracture"));
        assertTrue(e.getMessage().contains("fracture") && e.getMessage().contains("pneumothorax"), e.getMessage());
        assertTrue(FindingCatalogue.chest().find("fracture").isEmpty());
        assertTrue(FindingCatalogue.chest().contains("abnormal"));
    }

    @Test
    void anotherCatalogueIsJustData() throws Exception {
        String json = """
                {"id": "fracture",
                 "study_level": {"id": "abnormal", "name_en": "Abnormal", "name_fr": "Anormal", "urgency": "follow_up",
                                 "code": {"scheme": "SCT", "value": "263654008", "meaning": "Abnormal"}},
                 "findings": [{"id": "fracture", "name_en": "Fracture", "name_fr": "Fracture", "urgency": "urgent",
                               "code": {"scheme": "SCT", "value": "125605004", "meaning": "Fracture of bone"}}]}
                """;
        FindingCatalogue c = FindingCatalogue.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("fracture"), c.ids());
    }

    @Test
    void malformedCataloguesAreRefusedWithTheProblem() {
        String duplicate = """
                {"id": "x", "study_level": {"id": "abnormal", "name_en": "A", "name_fr": "A", "urgency": "routine",
                                            "code": {"scheme": "SCT", "value": "1", "meaning": "A"}},
                 "findings": [{"id": "a", "name_en": "A", "name_fr": "A", "urgency": "routine", "code": {"scheme": "SCT", "value": "2", "meaning": "A"}},
                              {"id": "a", "name_en": "A", "name_fr": "A", "urgency": "routine", "code": {"scheme": "SCT", "value": "3", "meaning": "A"}}]}
                """;
        CatalogueException e = assertThrows(CatalogueException.class,
                () -> FindingCatalogue.read(new ByteArrayInputStream(duplicate.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        String noFrench = duplicate.replaceFirst("\"name_fr\": \"A\", \"urgency\": \"routine\", \"code\": \\{\"scheme\": \"SCT\", \"value\": \"2\"",
                "\"urgency\": \"routine\", \"code\": {\"scheme\": \"SCT\", \"value\": \"2\"");
        e = assertThrows(CatalogueException.class,
                () -> FindingCatalogue.read(new ByteArrayInputStream(noFrench.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("name_fr"), e.getMessage());
    }

    @Test
    void bundledCataloguesAreFoundByIdAndWrittenBackIdentically() throws Exception {
        FindingCatalogue fracture = FindingCatalogue.named("fracture");
        assertEquals(List.of("fracture"), fracture.ids());
        assertEquals(Urgency.URGENT, fracture.get("fracture").urgency());
        for (String id : FindingCatalogue.BUNDLED) {
            FindingCatalogue c = FindingCatalogue.named(id);
            FindingCatalogue back = FindingCatalogue.read(new java.io.ByteArrayInputStream(
                    c.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(c.ids(), back.ids());
            for (String f : c.ids()) {
                assertEquals(c.get(f), back.get(f), id + "/" + f);
            }
            assertEquals(c.studyLevel(), back.studyLevel());
        }
        assertThrows(CatalogueException.class, () -> FindingCatalogue.named("no-such-catalogue"));
    }
}
