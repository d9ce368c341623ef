package org.pleura.train.manifest;

import java.nio.file.Path;

/**
 * A manifest or boxes file that cannot be used as written. The message names the file, the line (1-based,
 * the physical line where the offending CSV record starts; 0 when the problem is not tied to a line) and
 * what is wrong, e.g. {@code manifest.csv line 17: column 'effusion' has value '2'; expected 1, 0 or empty}.
 */
public final class ManifestException extends Exception {

  private final transient Path file;
  private final int line;

  /**
   * @param file the file being read
   * @param line the 1-based line of the problem, or 0 when the problem concerns the whole file
   * @param problem what is wrong and, where possible, how to fix it
   */
  public ManifestException(Path file, int line, String problem) {
    super(format(file, line, problem));
    this.file = file;
    this.line = line;
  }

  /** Same as {@link #ManifestException(Path, int, String)} with the I/O error that caused it. */
  public ManifestException(Path file, int line, String problem, Throwable cause) {
    super(format(file, line, problem), cause);
    this.file = file;
    this.line = line;
  }

  /** @return the file being read */
  public Path file() {
    return file;
  }

  /** @return the 1-based line of the problem, or 0 when it concerns the whole file */
  public int line() {
    return line;
  }

  private static String format(Path file, int line, String problem) {
    return line > 0 ? file + " line " + line + ": " + problem : file + ": " + problem;
  }
}
