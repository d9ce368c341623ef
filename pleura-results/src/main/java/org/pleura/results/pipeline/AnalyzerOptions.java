package org.pleura.results.pipeline;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.pleura.model.Detector;
import org.pleura.model.result.ModelInfo;
import org.pleura.results.Language;
import org.pleura.results.dicom.OutputUids;
import org.pleura.results.dicom.SourceImage;

/**
 * How an {@link Analyzer} works.
 *
 * @param language    language of names and texts in every artefact
 * @param backend     the engine running the network
 * @param parallelism DJL: predictors (images read at once); ONNX Runtime: intra-op threads
 * @param artefacts   the artefacts to produce (the JSON always is)
 * @param uids        the UIDs of the DICOM results for a source image and model
 */
public record AnalyzerOptions(Language language, Detector.Backend backend, int parallelism, Set<Artefact> artefacts,
                              BiFunction<SourceImage, ModelInfo, OutputUids> uids) {

    public AnalyzerOptions {
        Objects.requireNonNull(language);
        Objects.requireNonNull(backend);
        Objects.requireNonNull(uids);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        EnumSet<Artefact> a = EnumSet.of(Artefact.JSON);
        a.addAll(artefacts);
        artefacts = Set.copyOf(a);
    }

    /**
     * English, ONNX Runtime with up to 4 threads, every artefact, UIDs derived from the source and the model (the
     * same image read again by the same model gets the same result UIDs).
     */
    public static AnalyzerOptions defaults() {
        return new AnalyzerOptions(Language.EN, Detector.Backend.ONNX_RUNTIME,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), EnumSet.allOf(Artefact.class),
                (source, model) -> OutputUids.derived(source.studyInstanceUid(), source.sopInstanceUid(), model));
    }

    /** A copy in another language. */
    public AnalyzerOptions withLanguage(Language newLanguage) {
        return new AnalyzerOptions(newLanguage, backend, parallelism, artefacts, uids);
    }

    /** A copy producing only some artefacts (plus the JSON). */
    public AnalyzerOptions withArtefacts(Set<Artefact> newArtefacts) {
        return new AnalyzerOptions(language, backend, parallelism, newArtefacts, uids);
    }

    /** A copy on another engine. */
    public AnalyzerOptions withBackend(Detector.Backend newBackend, int newParallelism) {
        return new AnalyzerOptions(language, newBackend, newParallelism, artefacts, uids);
    }

    /** A copy with another way to choose the result UIDs (e.g. the server's). */
    public AnalyzerOptions withUids(BiFunction<SourceImage, ModelInfo, OutputUids> newUids) {
        return new AnalyzerOptions(language, backend, parallelism, artefacts, newUids);
    }
}
