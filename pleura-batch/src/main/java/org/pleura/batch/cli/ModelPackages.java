package org.pleura.batch.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pleura.batch.BatchException;

/**
 * The model packages of a batch given no {@code --model}, by the rule of {@code pleura analyze} (pleura-cli's
 * {@code DefaultModel.locateAll}): {@code pleura.model} or {@code PLEURA_MODEL} (several separated by the path
 * separator), else every package under the first {@code models/} folder that has one, beside the installation
 * (the repository of {@code pleura-batch/target/pleura-batch.jar}) and then in the working directory.
 */
final class ModelPackages {

    private ModelPackages() {
    }

    static List<Path> locateAll() throws BatchException {
        String explicit = System.getProperty("pleura.model", System.getenv("PLEURA_MODEL"));
        if (explicit != null && !explicit.isBlank()) {
            return Stream.of(explicit.split(java.io.File.pathSeparator)).filter(x -> !x.isBlank())
                    .map(p -> Path.of(p).toAbsolutePath()).toList();
        }
        Set<Path> folders = new LinkedHashSet<>();
        installationRoot().ifPresent(root -> folders.add(root.resolve("models")));
        folders.add(Path.of("models").toAbsolutePath().normalize());
        for (Path folder : folders) {
            List<Path> all = org.pleura.model.pkg.ModelFolder.packagesIn(folder);
            if (!all.isEmpty()) {
                return all;
            }
        }
        throw new BatchException("no model given and no model package found in " + folders
                + "; pass --model PKG (a folder with model.json)");
    }

    private static Optional<Path> installationRoot() {
        try {
            var source = ModelPackages.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jarOrClasses = Path.of(source.getLocation().toURI()).toAbsolutePath();
            Path module = jarOrClasses.getParent() == null ? null : jarOrClasses.getParent().getParent();
            return Optional.ofNullable(module == null ? null : module.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
