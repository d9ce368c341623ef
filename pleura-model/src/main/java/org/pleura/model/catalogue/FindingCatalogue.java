package org.pleura.model.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered set of findings for one body part plus the study-level "any finding" entry ({@code abnormal}).
 * The order of {@link #findings()} is the order every output (CSV columns, reports, UI) follows.
 *
 * <pre>{@code
 * FindingCatalogue chest = FindingCatalogue.chest();
 * Finding ptx = chest.get("pneumothorax");
 * String label = ptx.name("fr");            // "Pneumothorax"
 * }</pre>
 */
public final class FindingCatalogue {

    private static final String CHEST_RESOURCE = "chest.json";

    /** The ids of the catalogues bundled with Pleura. */
    public static final List<String> BUNDLED = List.of("chest", "fracture");
    private static volatile FindingCatalogue chest;

    private final String id;
    private final List<Finding> findings;
    private final Finding studyLevel;
    private final Map<String, Finding> byId;

    /**
     * @param id         catalogue id, e.g. {@code chest}
     * @param findings   the findings in output order
     * @param studyLevel the study-level entry ({@code abnormal})
     */
    public FindingCatalogue(String id, List<Finding> findings, Finding studyLevel) {
        this.id = id;
        this.findings = List.copyOf(findings);
        this.studyLevel = studyLevel;
        Map<String, Finding> map = new LinkedHashMap<>();
        for (Finding f : this.findings) {
            if (map.put(f.id(), f) != null) {
                throw new CatalogueException("catalogue '" + id + "' lists finding '" + f.id() + "' twice");
            }
        }
        if (map.containsKey(studyLevel.id())) {
            throw new CatalogueException("catalogue '" + id + "': study-level id '" + studyLevel.id()
                    + "' is also a finding id");
        }
        map.put(studyLevel.id(), studyLevel);
        this.byId = Collections.unmodifiableMap(map);
    }

    /**
     * A catalogue bundled with Pleura by id ({@code chest}, {@code fracture}), or a catalogue JSON file by path.
     *
     * @throws CatalogueException naming the bundled ids when neither
     */
    public static FindingCatalogue named(String idOrFile) {
        if ("chest".equals(idOrFile)) {
            return chest();
        }
        try (InputStream in = BUNDLED.contains(idOrFile)
                ? FindingCatalogue.class.getResourceAsStream(idOrFile + ".json") : null) {
            if (in != null) {
                return read(in);
            }
        } catch (IOException e) {
            throw new CatalogueException("cannot read the bundled catalogue " + idOrFile + ": " + e.getMessage(), e);
        }
        java.nio.file.Path file = java.nio.file.Path.of(idOrFile);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new CatalogueException("'" + idOrFile + "' is neither a bundled catalogue (chest, fracture) nor a "
                    + "catalogue JSON file");
        }
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new CatalogueException("cannot read catalogue " + file + ": " + e.getMessage(), e);
        }
    }

    /** The chest radiograph catalogue bundled with Pleura. */
    public static FindingCatalogue chest() {
        FindingCatalogue c = chest;
        if (c == null) {
            try (InputStream in = FindingCatalogue.class.getResourceAsStream(CHEST_RESOURCE)) {
                if (in == null) {
                    throw new CatalogueException("chest catalogue resource " + CHEST_RESOURCE + " is missing from the class path");
                }
                c = read(in);
            } catch (IOException e) {
                throw new CatalogueException("cannot read the chest catalogue: " + e.getMessage(), e);
            }
            chest = c;
        }
        return c;
    }

    /**
     * Reads a catalogue from JSON: {@code {"id": ..., "study_level": {finding}, "findings": [{finding}...]}} where
     * a finding is {@code {"id", "name_en", "name_fr", "urgency", "code": {"scheme", "value", "meaning"}}}.
     */
    public static FindingCatalogue read(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isObject()) {
            throw new CatalogueException("catalogue JSON must be an object");
        }
        String id = text(root, "id", "catalogue");
        JsonNode list = root.get("findings");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CatalogueException("catalogue '" + id + "' has no \"findings\" array");
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode n : list) {
            findings.add(finding(n, id));
        }
        JsonNode study = root.get("study_level");
        if (study == null) {
            throw new CatalogueException("catalogue '" + id + "' has no \"study_level\" entry");
        }
        return new FindingCatalogue(id, findings, finding(study, id));
    }

    private static Finding finding(JsonNode n, String catalogue) {
        String fid = text(n, "id", "a finding of catalogue " + catalogue);
        String where = "finding '" + fid + "' of catalogue " + catalogue;
        JsonNode code = n.get("code");
        if (code == null) {
            throw new CatalogueException(where + " has no code");
        }
        Urgency urgency;
        try {
            urgency = Urgency.valueOf(text(n, "urgency", where).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": urgency must be one of urgent, follow_up, routine");
        }
        try {
            return new Finding(fid, text(n, "name_en", where), text(n, "name_fr", where), urgency,
                    new Code(text(code, "scheme", where), text(code, "value", where), text(code, "meaning", where)));
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new CatalogueException(where + " needs a non-empty \"" + field + "\"");
        }
        return v.asText();
    }

    /** The catalogue as the JSON {@link #read} reads (the {@code catalogue.json} of a model package). */
    public String toJson() {
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = m.createObjectNode();
        root.put("id", id);
        root.set("study_level", node(m, studyLevel));
        com.fasterxml.jackson.databind.node.ArrayNode list = root.putArray("findings");
        findings.forEach(f -> list.add(node(m, f)));
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new CatalogueException("cannot render catalogue " + id + ": " + e.getMessage(), e);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode node(ObjectMapper m, Finding f) {
        com.fasterxml.jackson.databind.node.ObjectNode n = m.createObjectNode();
        n.put("id", f.id());
        n.put("name_en", f.nameEn());
        n.put("name_fr", f.nameFr());
        n.put("urgency", f.urgency().name().toLowerCase(java.util.Locale.ROOT));
        n.putObject("code").put("scheme", f.code().scheme()).put("value", f.code().value())
                .put("meaning", f.code().meaning());
        return n;
    }

    /** Catalogue id, e.g. {@code chest}. */
    public String id() {
        return id;
    }

    /** The findings in catalogue order (without the study-level entry). */
    public List<Finding> findings() {
        return findings;
    }

    /** The study-level "any finding" entry, id {@code abnormal}. */
    public Finding studyLevel() {
        return studyLevel;
    }

    /** Finding ids in catalogue order (without the study-level id). */
    public List<String> ids() {
        return findings.stream().map(Finding::id).toList();
    }

    /** The finding (or study-level entry) with this id, if any. */
    public Optional<Finding> find(String findingId) {
        return Optional.ofNullable(byId.get(findingId));
    }

    /** The finding (or study-level entry) with this id; throws a {@link CatalogueException} naming the known ids. */
    public Finding get(String findingId) {
        Finding f = byId.get(findingId);
        if (f == null) {
            throw new CatalogueException("'" + findingId + "' is not a finding of catalogue '" + id
                    + "'; known: " + String.join(", ", byId.keySet()));
        }
        return f;
    }

    /** True if the id is a finding or the study-level entry. */
    public boolean contains(String findingId) {
        return byId.containsKey(findingId);
    }

    @Override
    public String toString() {
        return "FindingCatalogue[" + id + ", " + findings.size() + " findings]";
    }
}
