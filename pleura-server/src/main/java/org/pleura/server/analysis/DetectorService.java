package org.pleura.server.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.pleura.image.ImageReadException;
import org.pleura.image.Radiograph;
import org.pleura.image.RadiographReader;
import org.pleura.model.Analysis;
import org.pleura.model.DetectionException;
import org.pleura.model.Detector;
import org.pleura.model.FindingResult;
import org.pleura.model.ModelInfo;
import org.pleura.model.Region;
import org.pleura.model.pkg.InvalidModelPackageException;

/**
 * An analysis service reading with a {@link Detector} alone: the Analysis JSON, no overlay, SC or SR. The
 * server's fallback while the full results pipeline is not wired in; results then have nothing to route.
 */
public final class DetectorService implements AnalysisService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Detector detector;

    private DetectorService(Detector detector) {
        this.detector = detector;
    }

    /** Loads a model package. */
    public static DetectorService load(Path pkg) throws InvalidModelPackageException {
        return new DetectorService(Detector.load(pkg));
    }

    @Override
    public Optional<ModelInfo> model() {
        return Optional.of(detector.info());
    }

    @Override
    public AnalysisOutcome analyze(AnalysisRequest request) {
        Radiograph r;
        try {
            r = RadiographReader.read(request.file());
        } catch (ImageReadException e) {
            return new AnalysisOutcome.Failed("cannot read the image: " + e.getMessage(), false);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new AnalysisOutcome.Failed("cannot read the image: " + e, true);
        }
        try {
            Analysis a = detector.analyze(request.imageId(), r.display());
            return new AnalysisOutcome.Analysed(a, new Artefacts(Optional.of(json(a)), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        } catch (DetectionException | RuntimeException e) {
            return new AnalysisOutcome.Failed("the model failed: " + e.getMessage(), true);
        }
    }

    static byte[] json(Analysis a) {
        ObjectNode root = JSON.createObjectNode();
        root.put("image", a.imageId());
        root.putObject("model").put("id", a.model().id()).put("version", a.model().version());
        root.put("abnormal", a.abnormal() == null ? null : a.abnormal().score());
        ArrayNode findings = root.putArray("findings");
        for (FindingResult f : a.results()) {
            ObjectNode n = findings.addObject();
            n.put("id", f.finding().id());
            n.put("name", f.finding().nameEn());
            n.put("score", f.score());
            n.put("call", f.call().jsonName());
            ArrayNode regions = n.putArray("regions");
            for (Region g : f.regions()) {
                regions.addObject().put("x", g.x()).put("y", g.y()).put("w", g.w()).put("h", g.h())
                        .put("score", g.score());
            }
        }
        ArrayNode w = root.putArray("warnings");
        a.warnings().forEach(w::add);
        root.put("disclaimer", "Pleura is an aid to the reader, not a diagnosis.");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        detector.close();
    }
}
