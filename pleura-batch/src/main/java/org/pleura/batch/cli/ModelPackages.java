package org.pleura.batch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pleura.batch.BatchException;
import org.pleura.model.pkg.ModelFolder;

/**
 * The model packages of a batch given no {@code --model}, by the rule of {@code pleura analyze}
 * ({@link ModelFolder}'s search order): {@code pleura.model} or {@code PLEURA_MODEL} (several separated by the path
 * separator), else every package under the first {@code models/} folder that has one, beside the installation
 * (the repository of {@code pleura-batch/target/pleura-batch.jar}) and then in the working directory.
 */
final class ModelPackages {

    private ModelPackages() {
    }

    static List<Path> locateAll() throws BatchException {
        Optional<List<Path>> explicit = ModelFolder.explicitPackages();
        if (explicit.isPresent()) {
            return explicit.get().stream().map(Path::toAbsolutePath).toList();
        }
        Optional<Path> bundled = ModelFolder.firstBundledFolder(ModelPackages.class);
        if (bundled.isPresent()) {
            return ModelFolder.packagesIn(bundled.get());
        }
        throw new BatchException("no model given and no model package found in "
                + ModelFolder.bundledFolders(ModelPackages.class) + "; pass --model PKG (a folder with model.json)");
    }
}
