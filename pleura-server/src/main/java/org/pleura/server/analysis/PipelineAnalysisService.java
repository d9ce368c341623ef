package org.pleura.server.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pleura.model.result.ModelInfo;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;

/**
 * The analysis service backed by Pleura's {@link Analyzer}: input checks, model, JSON, overlay PNG, and for DICOM
 * input the Secondary Capture and the Structured Report. The result UIDs are the analyzer's default, derived from
 * the source image and the model, so an image analysed again gives the same SR and SC UIDs.
 */
public final class PipelineAnalysisService implements AnalysisService {

    private final Analyzer analyzer;

    private PipelineAnalysisService(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Loads a model package for {@code workers} concurrent analyses: each gets an equal share of the processors
     * (ONNX Runtime intra-op threads).
     */
    public static PipelineAnalysisService load(Path pkg, int workers) throws InvalidModelPackageException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
        AnalyzerOptions options = AnalyzerOptions.defaults();
        return new PipelineAnalysisService(Analyzer.load(pkg, options.withBackend(options.backend(), threads)));
    }

    /** A service over an analyzer built elsewhere (closed with the service). */
    public static PipelineAnalysisService of(Analyzer analyzer) {
        return new PipelineAnalysisService(analyzer);
    }

    @Override
    public Optional<ModelInfo> model() {
        return Optional.of(analyzer.model());
    }

    @Override
    public AnalysisOutcome analyze(AnalysisRequest request) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(request.file());
        } catch (IOException e) {
            return new AnalysisOutcome.Failed("cannot read the stored file: " + e.getMessage(), true);
        }
        org.pleura.results.pipeline.AnalysisOutcome o = analyzer.analyze(bytes, request.imageId(), request.imageId());
        if (o instanceof org.pleura.results.pipeline.AnalysisOutcome.Analyzed a) {
            return new AnalysisOutcome.Analysed(a.analysis(), artefacts(a.artefacts()));
        }
        if (o instanceof org.pleura.results.pipeline.AnalysisOutcome.Refused r) {
            return new AnalysisOutcome.Refused(r.reason(), artefacts(r.artefacts()));
        }
        org.pleura.results.pipeline.AnalysisOutcome.Failed f = (org.pleura.results.pipeline.AnalysisOutcome.Failed) o;
        return new AnalysisOutcome.Failed(f.problem(), f.retryable());
    }

    private static Artefacts artefacts(org.pleura.results.pipeline.Artefacts a) {
        return new Artefacts(Optional.of(a.json()), a.overlay(), a.sc(), a.sr(), a.heatMaps());
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
