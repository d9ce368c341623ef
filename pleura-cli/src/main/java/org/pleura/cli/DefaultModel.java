package org.pleura.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelFolder;
import org.pleura.model.pkg.ModelPackage;

/**
 * Finds the bundled model packages when a command is given no {@code --model}: the system property
 * {@code pleura.model} or the environment variable {@code PLEURA_MODEL} when set; otherwise the packages under a
 * {@code models/} folder, looked for beside the installation (the repository root of
 * {@code pleura-cli/target/pleura-cli.jar}) and then in the working directory. A package is a folder with a
 * {@code model.json}, or a {@code .zip}; the search order is {@link ModelFolder}'s, shared with pleura-batch.
 */
public final class DefaultModel {

  private DefaultModel() {}

  /**
   * The one model a single-model command ({@code evaluate}, {@code input-stats}) uses without {@code --model}: the
   * explicit setting, or the only bundled package. With several bundled packages the command must be told which:
   * choosing one by name (as before, the last) silently evaluated the fracture model on a chest manifest.
   *
   * @throws IllegalStateException with the places searched, or the packages to choose from
   */
  public static Path locate() {
    Optional<String> explicit = ModelFolder.explicitSetting();
    if (explicit.isPresent()) {
      return Path.of(explicit.get());
    }
    List<Path> all = locateAll();
    if (all.size() > 1) {
      throw new IllegalStateException("several bundled models (" + String.join(", ",
          all.stream().map(p -> p.getFileName().toString()).toList()) + "): pass --model PKG");
    }
    return all.get(0);
  }

  /**
   * The bundled package of a catalogue (e.g. {@code chest} for the benchmarks on chest radiographs), or the explicit
   * setting.
   *
   * @throws IllegalStateException when no bundled package has that catalogue
   */
  public static Path locateCatalogue(String catalogue) {
    Optional<String> explicit = ModelFolder.explicitSetting();
    if (explicit.isPresent()) {
      return Path.of(explicit.get());
    }
    for (Path p : locateAll()) {
      try {
        if (ModelPackage.load(p).descriptor().catalogue().equals(catalogue)) {
          return p;
        }
      } catch (InvalidModelPackageException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    throw new IllegalStateException("no bundled model reads the " + catalogue + " catalogue: pass --model PKG");
  }

  /**
   * The model setting of {@code pleura serve} when it is given no {@code --model}: {@code pleura.model} or
   * {@code PLEURA_MODEL} (a package or a folder of packages), or else the first {@code models/} folder that holds a
   * package (beside the installation, then the working directory), so that every bundled model reads.
   *
   * @throws IllegalStateException with the places searched when there is none
   */
  public static Path locateSetting() {
    Optional<String> explicit = ModelFolder.explicitSetting();
    if (explicit.isPresent()) {
      return Path.of(explicit.get());
    }
    return ModelFolder.firstBundledFolder(DefaultModel.class).orElseThrow(() -> new IllegalStateException(
        "no model given and no bundled model found in " + ModelFolder.bundledFolders(DefaultModel.class)
            + "; pass --model PKG (a folder with model.json, or a folder of such packages)"));
  }

  /**
   * Every model package to load when a command is given no {@code --model}: the packages named by {@code pleura.model}
   * or {@code PLEURA_MODEL} (several separated by the path separator), or else every package under the first
   * {@code models/} folder that has one (beside the installation, then the working directory), by name.
   *
   * @throws IllegalStateException with the places searched when there is none
   */
  public static List<Path> locateAll() {
    return ModelFolder.explicitPackages()
        .or(() -> ModelFolder.firstBundledFolder(DefaultModel.class).map(ModelFolder::packagesIn))
        .orElseThrow(() -> new IllegalStateException("no model given and no bundled model found in "
            + ModelFolder.bundledFolders(DefaultModel.class) + "; pass --model PKG (a folder with model.json)"));
  }

  /** The checkout this CLI runs from ({@link ModelFolder#installationRoot(Class)}). */
  static Optional<Path> installationRoot() {
    return ModelFolder.installationRoot(DefaultModel.class);
  }
}
