package org.pleura.server.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelFolder;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.OperatingPoint;
import org.pleura.model.result.ModelInfo;

/**
 * What the pages need to know about the model: its id and version, and its finding catalogue (names in English
 * and French, urgency) with each output's operating points. The single source of finding names for the web
 * pages: nothing in the pages or in this package names a finding.
 *
 * @param model      the model reading, if any
 * @param studyLevel the study-level entry ({@code abnormal}), if a model is installed
 * @param findings   every finding of the catalogue, in catalogue order
 * @param thresholds operating points per output id the model reads
 * @param models     every model reading (several when a folder of packages is installed)
 * @param studyLevels each model's own study-level entry by model id (a fracture model's "Fracture suspected", a chest
 *                    model's "Abnormal study")
 */
public record ModelCatalogue(Optional<ModelInfo> model, Optional<Finding> studyLevel, List<Finding> findings,
                             Map<String, FindingThresholds> thresholds, List<ModelInfo> models,
                             Map<String, Finding> studyLevels) {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.web");

    public ModelCatalogue {
        findings = List.copyOf(findings);
        thresholds = Map.copyOf(thresholds);
        models = List.copyOf(models);
        studyLevels = Map.copyOf(studyLevels);
    }

    /** One model's catalogue. */
    public ModelCatalogue(Optional<ModelInfo> model, Optional<Finding> studyLevel, List<Finding> findings,
                          Map<String, FindingThresholds> thresholds) {
        this(model, studyLevel, findings, thresholds, model.map(List::of).orElse(List.of()),
                model.isPresent() && studyLevel.isPresent() ? Map.of(model.get().id(), studyLevel.get()) : Map.of());
    }

    /** No model installed: no catalogue. */
    public static ModelCatalogue none() {
        return new ModelCatalogue(Optional.empty(), Optional.empty(), List.of(), Map.of(), List.of(), Map.of());
    }

    /**
     * The catalogues and thresholds of a model package, or of every package of a folder of packages (read once at
     * start; the weights are not kept). With several models the findings are listed model by model (their ids are
     * distinct: a catalogue never names another's finding); the study-level entry and model shown are the first
     * package's, and {@link #models()} lists them all.
     */
    public static ModelCatalogue of(Optional<Path> modelSetting) {
        if (modelSetting.isEmpty()) {
            return none();
        }
        List<ModelInfo> infos = new ArrayList<>();
        Optional<Finding> studyLevel = Optional.empty();
        Map<String, Finding> findings = new LinkedHashMap<>();
        Map<String, FindingThresholds> thresholds = new LinkedHashMap<>();
        Map<String, Finding> studyLevels = new LinkedHashMap<>();
        for (Path p : ModelFolder.packages(modelSetting.get())) {
            try {
                ModelPackage pkg = ModelPackage.load(p);
                infos.add(new ModelInfo(pkg.descriptor().id(), pkg.descriptor().version()));
                studyLevels.putIfAbsent(pkg.descriptor().id(), pkg.catalogue().studyLevel());
                if (studyLevel.isEmpty()) {
                    studyLevel = Optional.of(pkg.catalogue().studyLevel());
                }
                pkg.catalogue().findings().forEach(f -> findings.putIfAbsent(f.id(), f));
                pkg.descriptor().thresholds().forEach(thresholds::putIfAbsent);
            } catch (InvalidModelPackageException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, p + ": the web pages show its finding ids only: " + e.getMessage());
            }
        }
        if (infos.isEmpty()) {
            return none();
        }
        return new ModelCatalogue(Optional.of(infos.get(0)), studyLevel, List.copyOf(findings.values()), thresholds,
                infos, studyLevels);
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
        m.put("models", models.stream().map(i -> Map.of("id", i.id(), "version", i.version())).toList());
        m.put("studyLevel", studyLevel.map(this::findingView).orElse(null));
        Map<String, Object> perModel = new LinkedHashMap<>();
        studyLevels.forEach((id, f) -> perModel.put(id, findingView(f)));
        m.put("studyLevels", perModel);
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
