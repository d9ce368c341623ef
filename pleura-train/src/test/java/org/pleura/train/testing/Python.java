package org.pleura.train.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code /usr/bin/python3} with scikit-learn and NumPy as an independent reference
 * implementation; tests skip with a clear message when it is missing.
 */
public final class Python {

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private Python() {}

  /** Skips the calling test unless {@code /usr/bin/python3} can import sklearn and numpy. */
  public static void assumeSklearn() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is missing (apt-get install python3-sklearn)");
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import sklearn, numpy").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
        "skipped: /usr/bin/python3 cannot import sklearn and numpy (apt-get install python3-sklearn python3-numpy)");
  }

  /**
   * Runs a script with arguments and returns its standard output; fails with its standard error.
   *
   * @param script the Python source
   * @param args the arguments ({@code sys.argv[1:]})
   * @return standard output
   */
  public static String run(String script, List<String> args) throws IOException, InterruptedException {
    Path file = Files.createTempFile("pleura-ref", ".py");
    try {
      Files.writeString(file, script, StandardCharsets.UTF_8);
      List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON.toString(), file.toString()));
      cmd.addAll(args);
      Path err = Files.createTempFile("pleura-ref", ".err");
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("reference script timed out");
      }
      String errText = Files.readString(err);
      Files.deleteIfExists(err);
      if (p.exitValue() != 0) {
        throw new AssertionError("reference script failed (" + p.exitValue() + "): " + errText);
      }
      return out;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
