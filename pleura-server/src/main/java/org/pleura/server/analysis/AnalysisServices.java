package org.pleura.server.analysis;

import java.nio.file.Path;
import java.util.Optional;
import org.pleura.model.pkg.InvalidModelPackageException;

/** Chooses the analysis service for a model package setting. */
public final class AnalysisServices {

    private AnalysisServices() {
    }

    /**
     * The service reading with {@code model} for {@code workers} concurrent analyses, or one that keeps jobs waiting when there is no model.
     *
     * @throws InvalidModelPackageException when the package cannot be loaded
     */
    public static AnalysisService forModel(Optional<Path> model, int workers) throws InvalidModelPackageException {
        if (model.isEmpty()) {
            return AnalysisService.none("no model installed: start pleura serve with --model PKG");
        }
        return PipelineAnalysisService.load(model.get(), workers);
    }
}
