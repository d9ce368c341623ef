package org.pleura.model.pkg;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where model packages are: a model setting names either one package (a folder with {@code model.json}, or a zip) or
 * a folder of packages such as {@code models/}, whose every package is read (adding a model is adding a package).
 *
 * <p>A command given no model takes the {@linkplain #explicitSetting() explicit setting} ({@code pleura.model} or
 * {@code PLEURA_MODEL}), else the bundled packages: those of the first of the {@linkplain #bundledFolders(Class)
 * bundled folders} that holds one, beside the installation and then in the working directory. The CLI and
 * pleura-batch share this order.
 */
public final class ModelFolder {

    private ModelFolder() {
    }

    /**
     * The packages a model setting names, in name order.
     *
     * @param setting a package or a folder of packages
     * @return the packages; empty when the setting names neither
     */
    public static List<Path> packages(Path setting) {
        return isPackage(setting) ? List.of(setting) : packagesIn(setting);
    }

    /** The packages directly inside a folder, in name order; empty when it is not a folder or holds none. */
    public static List<Path> packagesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(ModelFolder::isPackage).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The model named by the system property {@code pleura.model}, else by the environment variable
     * {@code PLEURA_MODEL}; empty when neither is set (or blank).
     */
    public static Optional<String> explicitSetting() {
        String explicit = System.getProperty("pleura.model", System.getenv("PLEURA_MODEL"));
        return explicit == null || explicit.isBlank() ? Optional.empty() : Optional.of(explicit);
    }

    /** The packages of the explicit setting (several separated by the path separator); empty when it is not set. */
    public static Optional<List<Path>> explicitPackages() {
        return explicitSetting().map(x -> Stream.of(x.split(File.pathSeparator)).filter(p -> !p.isBlank())
                .map(Path::of).toList());
    }

    /**
     * The {@code models/} folders searched for bundled packages, in order: beside the installation (the checkout
     * holding {@code MODULE/target/MODULE.jar} or {@code MODULE/target/classes} that {@code installed} was loaded
     * from), then in the working directory.
     *
     * @param installed a class of the running command, locating the installation
     */
    public static List<Path> bundledFolders(Class<?> installed) {
        List<Path> folders = new ArrayList<>();
        installationRoot(installed).ifPresent(root -> folders.add(root.resolve("models")));
        Path here = Path.of("models").toAbsolutePath().normalize();
        if (!folders.contains(here)) {
            folders.add(here);
        }
        return folders;
    }

    /** The first of the {@linkplain #bundledFolders(Class) bundled folders} that holds a package. */
    public static Optional<Path> firstBundledFolder(Class<?> installed) {
        return bundledFolders(installed).stream().filter(f -> !packagesIn(f).isEmpty()).findFirst();
    }

    /**
     * The checkout an installed class runs from: the folder above its module, for a class loaded from
     * {@code MODULE/target/MODULE.jar} or {@code MODULE/target/classes}.
     */
    public static Optional<Path> installationRoot(Class<?> installed) {
        try {
            CodeSource source = installed.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jarOrClasses = Path.of(source.getLocation().toURI()).toAbsolutePath();
            Path target = jarOrClasses.getParent();
            Path module = target == null ? null : target.getParent();
            return Optional.ofNullable(module == null ? null : module.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True for a package folder (with {@code model.json}) or a zipped package. */
    public static boolean isPackage(Path p) {
        return Files.isRegularFile(p.resolve("model.json"))
                || (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".zip"));
    }
}
