package org.pleura.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one locator of {@code ../shared}, the real data beside the checkout: the system property {@code pleura.shared}
 * (set by the build to the folder beside the checkout), else {@code ../shared} or {@code ../../shared} from the working
 * directory (a module folder or the checkout). A test that needs it calls {@link #data(String)} and is skipped, with
 * the place it looked, when the data is absent; expected counts come from the data's own README or manifest.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder (holding {@code data/}), if there is one. */
    public static Optional<Path> find() {
        String prop = System.getProperty("pleura.shared");
        List<Path> candidates = prop != null && !prop.isBlank()
                ? List.of(Path.of(prop), Path.of("..", "shared"), Path.of("..", "..", "shared"))
                : List.of(Path.of("..", "shared"), Path.of("..", "..", "shared"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("data"))) {
                return Optional.of(p.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The shared folder, or the test is skipped. */
    public static Path root() {
        Optional<Path> root = find();
        assumeTrue(root.isPresent(), "skipped: ../shared/data is absent (set -Dpleura.shared=/path/to/shared)");
        return root.get();
    }

    /**
     * A file or folder under {@code shared/data}, e.g. {@code "nih-cxr"} or {@code "dicom/real_original"}, or the test is
     * skipped with the path it looked for.
     */
    public static Path data(String relative) {
        Path p = root().resolve("data").resolve(relative);
        assumeTrue(Files.exists(p), "skipped: " + p + " is absent from the shared data");
        return p;
    }

    /** The same, without skipping: empty when absent (for fixtures that fall back to synthetic data). */
    public static Optional<Path> findData(String relative) {
        return find().map(r -> r.resolve("data").resolve(relative)).filter(Files::exists);
    }

    /** True when an executable of that name is on the PATH. */
    public static boolean hasTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
