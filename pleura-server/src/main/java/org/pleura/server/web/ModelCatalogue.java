package org.pleura.server.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pleura.model.result.ModelInfo;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.OperatingPoint;

/**
 * What the pages need to know about the model: its id and version, and its finding catalogue (names in English
 * and French, urgency) with each output's operating points. The single source of finding names for the web
 * pages: nothing in the pages or in this package names a finding.
 *
 * @param model      the model reading, if any
 * @param studyLevel the study-level entry ({@code abnormal}), if a model is installed
 * @param findings   every finding of the catalogue, in catalogue order
 * @param thresholds operating points per output id the model reads
 */
public record ModelCatalogue(Optional<ModelInfo> model, Optional<Finding> studyLevel, List<Finding> findings,
                             Map<String, FindingThresholds> thresholds) {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.web");

    public ModelCatalogue {
        findings = List.copyOf(findings);
        thresholds = Map.copyOf(thresholds);
    }

    /** No model installed: no catalogue. */
    public static ModelCatalogue none() {
        return new ModelCatalogue(Optional.empty(), Optional.empty(), List.of(), Map.of());
    }

    /** The catalogue and thresholds of a model package (read once at start; the weights are not kept). */
    public static ModelCatalogue of(Optional<Path> modelPackage) {
        if (modelPackage.isEmpty()) {
            return none();
        }
        try {
            ModelPackage pkg = ModelPackage.load(modelPackage.get());
            return new ModelCatalogue(Optional.of(new ModelInfo(pkg.descriptor().id(), pkg.descriptor().version())),
                    Optional.of(pkg.catalogue().studyLevel()), pkg.catalogue().findings(),
                    pkg.descriptor().thresholds());
        } catch (InvalidModelPackageException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the web pages show finding ids only: " + e.getMessage());
            return none();
        }
    }

    /** Finding ids in catalogue order. */
    public List<String> ids() {
        return findings.stream().map(Finding::id).toList();
    }

    /** True if the id is a finding of the catalogue (not the study-level entry). */
    public boolean contains(String id) {
        return findings.stream().anyMatch(f -> f.id().equals(id));
    }

    /** The JSON the pages read: {@code GET /api/catalogue}. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.map(i -> Map.of("id", i.id(), "version", i.version())).orElse(null));
        m.put("studyLevel", studyLevel.map(this::findingView).orElse(null));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Finding f : findings) {
            list.add(findingView(f));
        }
        m.put("findings", list);
        m.put("urgencies", List.of("urgent", "follow_up", "routine"));
        return m;
    }

    private Map<String, Object> findingView(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("names", Map.of("en", f.nameEn(), "fr", f.nameFr()));
        m.put("urgency", f.urgency().name().toLowerCase(Locale.ROOT));
        FindingThresholds t = thresholds.get(f.id());
        m.put("read", t != null);
        if (t != null && !t.validated()) {
            m.put("notValidated", t.notValidated());
        } else if (t != null) {
            Map<String, Object> ops = new LinkedHashMap<>();
            ops.put("positive", point(t.positive()));
            ops.put("doubtful", point(t.doubtful()));
            m.put("operatingPoints", ops);
        }
        return m;
    }

    private static Map<String, Object> point(OperatingPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", p.threshold());
        m.put("sensitivity", Double.isFinite(p.sensitivity()) ? p.sensitivity() : null);
        m.put("specificity", Double.isFinite(p.specificity()) ? p.specificity() : null);
        return m;
    }
}
