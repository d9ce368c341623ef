package org.pleura.server.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelFolder;
import org.pleura.model.result.ModelInfo;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Reading;
import org.pleura.server.worklist.TriageLevel;

/**
 * The analysis service backed by Pleura's {@link Analyzer}: input checks, model(s), JSON, overlay PNG, and for DICOM
 * input the Secondary Capture and the Structured Report. The result UIDs are the analyzer's default, derived from
 * the source image and the model, so an image analysed again gives the same SR and SC UIDs.
 *
 * <p>With several model packages (a folder such as {@code models/}), each image goes to the model(s) whose input
 * rules accept it (a frontal chest radiograph to the chest model, a wrist to the fracture model). The node keeps
 * one reading per image: the routing gives one model for every image whose header names its body part; when
 * several models read an image (no header, equally typical of both), the most urgent reading is kept.
 */
public final class PipelineAnalysisService implements AnalysisService {

    private final Analyzer analyzer;

    private PipelineAnalysisService(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Loads a model package, or every package of a folder of packages, for {@code workers} concurrent analyses:
     * each gets an equal share of the processors (ONNX Runtime intra-op threads).
     */
    public static PipelineAnalysisService load(Path setting, int workers) throws InvalidModelPackageException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
        AnalyzerOptions options = AnalyzerOptions.defaults();
        List<Path> packages = ModelFolder.packages(setting);
        if (packages.isEmpty()) {
            throw new InvalidModelPackageException(setting + ": neither a model package (no model.json) nor a folder "
                    + "of model packages");
        }
        return new PipelineAnalysisService(Analyzer.load(packages, options.withBackend(options.backend(), threads)));
    }

    /** A service over an analyzer built elsewhere (closed with the service). */
    public static PipelineAnalysisService of(Analyzer analyzer) {
        return new PipelineAnalysisService(analyzer);
    }

    /** The model that reads, or with several models their ids and versions joined by {@code +}. */
    @Override
    public Optional<ModelInfo> model() {
        List<ModelInfo> all = analyzer.models();
        if (all.size() == 1) {
            return Optional.of(all.get(0));
        }
        return Optional.of(new ModelInfo(String.join("+", all.stream().map(ModelInfo::id).toList()),
                String.join("+", all.stream().map(ModelInfo::version).toList())));
    }

    @Override
    public AnalysisJobOutcome analyze(AnalysisRequest request) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(request.file());
        } catch (IOException e) {
            return new AnalysisJobOutcome.Failed("cannot read the stored file: " + e.getMessage(), true);
        }
        org.pleura.results.pipeline.AnalysisOutcome o = analyzer.analyze(bytes, request.imageId(), request.imageId());
        if (o instanceof org.pleura.results.pipeline.AnalysisOutcome.Analyzed a) {
            Reading kept = mostUrgent(a.readings());
            return new AnalysisJobOutcome.Analysed(kept.analysis(), artefacts(kept.artefacts()));
        }
        if (o instanceof org.pleura.results.pipeline.AnalysisOutcome.Refused r) {
            return new AnalysisJobOutcome.Refused(r.reason(), artefacts(r.artefacts()));
        }
        org.pleura.results.pipeline.AnalysisOutcome.Failed f = (org.pleura.results.pipeline.AnalysisOutcome.Failed) o;
        return new AnalysisJobOutcome.Failed(f.problem(), f.retryable());
    }

    /** The reading with the highest worklist level (the first among equals). */
    static Reading mostUrgent(List<Reading> readings) {
        Reading best = readings.get(0);
        for (Reading r : readings) {
            if (TriageLevel.of(r.analysis()).level().rank() < TriageLevel.of(best.analysis()).level().rank()) {
                best = r;
            }
        }
        return best;
    }

    private static ResultFiles artefacts(org.pleura.results.pipeline.Artefacts a) {
        return new ResultFiles(Optional.of(a.json()), a.overlay(), a.sc(), a.sr(), a.heatMaps());
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
