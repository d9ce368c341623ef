package org.pleura.model.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where model packages are: a model setting names either one package (a folder with {@code model.json}, or a zip) or
 * a folder of packages such as {@code models/}, whose every package is read (adding a model is adding a package).
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

    /** True for a package folder (with {@code model.json}) or a zipped package. */
    public static boolean isPackage(Path p) {
        return Files.isRegularFile(p.resolve("model.json"))
                || (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".zip"));
    }
}
