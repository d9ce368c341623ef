package org.pleura.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the bundled default model package when a command is given no {@code --model}: the system property
 * {@code pleura.model} or the environment variable {@code PLEURA_MODEL} when set; otherwise the last (by
 * name) package under a {@code models/} folder, looked for beside the installation (the repository root
 * of {@code pleura-cli/target/pleura-cli.jar}) and then in the working directory. A package is a folder
 * with a {@code model.json}, or a {@code .zip}.
 */
public final class DefaultModel {

  private DefaultModel() {}

  /**
   * @return the default model package
   * @throws IllegalStateException with the places searched when there is none
   */
  public static Path locate() {
    String explicit = System.getProperty("pleura.model", System.getenv("PLEURA_MODEL"));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Set<Path> folders = new LinkedHashSet<>();
    installationRoot().ifPresent(root -> folders.add(root.resolve("models")));
    folders.add(Path.of("models").toAbsolutePath().normalize());
    for (Path folder : folders) {
      Optional<Path> p = lastPackageIn(folder);
      if (p.isPresent()) {
        return p.get();
      }
    }
    throw new IllegalStateException("no model given and no bundled model found in " + folders
        + "; pass --model PKG (a folder with model.json)");
  }

  static Optional<Path> lastPackageIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    List<Path> packages = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.filter(p -> Files.isRegularFile(p.resolve("model.json")) || p.toString().endsWith(".zip"))
          .forEach(packages::add);
    } catch (IOException e) {
      return Optional.empty();
    }
    return packages.stream().max(Comparator.comparing(p -> p.getFileName().toString()));
  }

  static Optional<Path> installationRoot() {
    try {
      var source = DefaultModel.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path jarOrClasses = Path.of(source.getLocation().toURI()).toAbsolutePath();
      // .../pleura-cli/target/pleura-cli.jar or .../pleura-cli/target/classes
      Path target = jarOrClasses.getParent();
      Path module = target == null ? null : target.getParent();
      Path root = module == null ? null : module.getParent();
      return Optional.ofNullable(root);
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
