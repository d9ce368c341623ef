package org.pleura.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (system property {@code pleura.shared}); tests skip cleanly without it. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        String prop = System.getProperty("pleura.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("../../shared");
        if (!Files.isDirectory(p)) {
            p = Path.of("../shared");
        }
        assumeTrue(Files.isDirectory(p.resolve("data")), "../shared/data is absent: skipping tests on real radiographs");
        return p.toAbsolutePath().normalize();
    }

    static Path dicom(String relative) {
        Path p = root().resolve("data/dicom").resolve(relative);
        assumeTrue(Files.isRegularFile(p), p + " is absent");
        return p;
    }

    static boolean hasTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
