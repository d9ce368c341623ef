package org.pleura.batch.analysis;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.pleura.model.Detector;
import org.pleura.results.Language;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Artefact;

/**
 * Which analyzer an executor needs: the model packages (paths every executor can read) and how to run them. Two
 * tasks with equal specs share one analyzer.
 *
 * @param models        model package folders or zips, absolute
 * @param language      {@code en} or {@code fr}
 * @param artefacts     whether overlay PNG, SC and SR are produced (the JSON always is)
 * @param engineThreads ONNX Runtime intra-op threads per analysis (1: Spark runs one task per core)
 */
public record AnalyzerSpec(List<String> models, String language, boolean artefacts, int engineThreads)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public AnalyzerSpec {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model package");
        }
        if (engineThreads < 1) {
            throw new IllegalArgumentException("engine threads must be at least 1");
        }
        Language.parse(language);
    }

    /** The analyzer options: those of {@code pleura analyze}, with the artefacts asked for and one engine. */
    public AnalyzerOptions options() {
        return AnalyzerOptions.defaults().withLanguage(Language.parse(language))
                .withArtefacts(artefacts ? EnumSet.allOf(Artefact.class) : EnumSet.of(Artefact.JSON))
                .withBackend(Detector.Backend.ONNX_RUNTIME, engineThreads);
    }

    /** The model packages as paths. */
    public List<Path> modelPaths() {
        return models.stream().map(Path::of).toList();
    }
}
