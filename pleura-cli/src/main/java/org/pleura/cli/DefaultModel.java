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

  /**
   * The model setting of {@code pleura serve} when it is given no {@code --model}: {@code pleura.model} or
   * {@code PLEURA_MODEL} (a package or a folder of packages), or else the first {@code models/} folder that holds a
   * package (beside the installation, then the working directory), so that every bundled model reads.
   *
   * @throws IllegalStateException with the places searched when there is none
   */
  public static Path locateSetting() {
    String explicit = System.getProperty("pleura.model", System.getenv("PLEURA_MODEL"));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Set<Path> folders = new LinkedHashSet<>();
    installationRoot().ifPresent(root -> folders.add(root.resolve("models")));
    folders.add(Path.of("models").toAbsolutePath().normalize());
    for (Path folder : folders) {
      if (!packagesIn(folder).isEmpty()) {
        return folder;
      }
    }
    throw new IllegalStateException("no model given and no bundled model found in " + folders
        + "; pass --model PKG (a folder with model.json, or a folder of such packages)");
  }

  /**
   * Every model package to load when a command is given no {@code --model}: the packages named by {@code pleura.model}
   * or {@code PLEURA_MODEL} (several separated by the path separator), or else every package under the first
   * {@code models/} folder that has one (beside the installation, then the working directory), by name.
   *
   * @throws IllegalStateException with the places searched when there is none
   */
  public static List<Path> locateAll() {
    String explicit = System.getProperty("pleura.model", System.getenv("PLEURA_MODEL"));
    if (explicit != null && !explicit.isBlank()) {
      return java.util.Arrays.stream(explicit.split(java.io.File.pathSeparator)).filter(x -> !x.isBlank())
          .map(Path::of).toList();
    }
    Set<Path> folders = new LinkedHashSet<>();
    installationRoot().ifPresent(root -> folders.add(root.resolve("models")));
    folders.add(Path.of("models").toAbsolutePath().normalize());
    for (Path folder : folders) {
      List<Path> all = packagesIn(folder);
      if (!all.isEmpty()) {
        return all;
      }
    }
    throw new IllegalStateException("no model given and no bundled model found in " + folders
        + "; pass --model PKG (a folder with model.json)");
  }

  static List<Path> packagesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("model.json")) || p.toString().endsWith(".zip"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      return List.of();
    }
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
