package org.pleura.train.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} (system property {@code pleura.shared}, set by surefire) and skips when absent. */
public final class SharedData {

  private SharedData() {}

  /** @return the NIH development subset folder, or skips the test when it is not there */
  public static Path nihFolder() {
    String prop = System.getProperty("pleura.shared");
    Path shared = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    Path nih = shared.resolve("data/nih-cxr").toAbsolutePath().normalize();
    if (!Files.isRegularFile(nih.resolve("manifest.csv"))) {
      nih = Path.of("..", "..", "shared", "data", "nih-cxr").toAbsolutePath().normalize();
    }
    assumeTrue(Files.isRegularFile(nih.resolve("manifest.csv")),
        "skipped: the NIH subset is not at " + nih + " (set -Dpleura.shared=/path/to/shared)");
    return nih;
  }
}
