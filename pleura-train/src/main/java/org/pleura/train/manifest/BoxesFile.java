package org.pleura.train.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The true boxes of a data set, read from a CSV with the header {@code path,finding,x,y,w,h} (docs/formats.md;
 * any order, further columns ignored) in pixels of the stored image. Finding ids are kept as written; an
 * image may have several boxes per finding.
 *
 * <pre>{@code
 * BoxesFile boxes = BoxesFile.read(Path.of("boxes.csv"));
 * List<LabeledBox> b = boxes.boxes("images/00013118_008.jpg", "atelectasis");
 * }</pre>
 *
 * @param file the CSV it was read from
 * @param boxes every box in file order
 */
public record BoxesFile(Path file, List<LabeledBox> boxes) {

  private static final List<String> REQUIRED = List.of("path", "finding", "x", "y", "w", "h");

  /** Copies the list. */
  public BoxesFile {
    Objects.requireNonNull(file, "file");
    boxes = List.copyOf(boxes);
  }

  /**
   * @param path the image path as written in the manifest
   * @param finding a finding id
   * @return the boxes for that finding on that image (empty when none)
   */
  public List<LabeledBox> boxes(String path, String finding) {
    return boxes.stream().filter(b -> b.path().equals(path) && b.finding().equals(finding)).toList();
  }

  /**
   * The boxes of these images' findings, with their path rewritten to the manifest's spelling: a box matches an
   * image by the path as written, or by the same file once both are resolved against their CSV's folder.
   *
   * @param entries the images
   * @param findings the finding ids wanted
   * @return the matching boxes, in file order
   */
  public List<LabeledBox> on(List<ManifestEntry> entries, java.util.Collection<String> findings) {
    Map<String, String> byWritten = new HashMap<>();
    Map<Path, String> byResolved = new HashMap<>();
    for (ManifestEntry e : entries) {
      byWritten.put(e.path(), e.path());
      byResolved.put(e.resolvedPath(), e.path());
    }
    Path folder = file.toAbsolutePath().getParent();
    java.util.Set<String> wanted = new java.util.HashSet<>(findings);
    List<LabeledBox> out = new ArrayList<>();
    for (LabeledBox b : boxes) {
      if (!wanted.contains(b.finding())) {
        continue;
      }
      String path = byWritten.get(b.path());
      if (path == null && folder != null) {
        try {
          path = byResolved.get(folder.resolve(b.path()).normalize());
        } catch (java.nio.file.InvalidPathException ignored) {
          path = null;
        }
      }
      if (path != null) {
        out.add(new LabeledBox(path, b.finding(), b.x(), b.y(), b.w(), b.h()));
      }
    }
    return out;
  }

  /** @return the boxes grouped by finding id (in order of first appearance), then in file order */
  public Map<String, List<LabeledBox>> byFinding() {
    Map<String, List<LabeledBox>> out = new LinkedHashMap<>();
    for (LabeledBox b : boxes) {
      out.computeIfAbsent(b.finding(), k -> new ArrayList<>()).add(b);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  /**
   * Reads a boxes CSV.
   *
   * @param file the CSV
   * @return the boxes
   * @throws ManifestException naming the file and line for a missing column, a wrong field count, an empty
   *     path or finding, a value that is not a number, or a width or height that is not positive
   */
  public static BoxesFile read(Path file) throws ManifestException {
    List<CsvRecord> records = CsvReader.read(file).stream().filter(r -> !r.isBlank()).toList();
    if (records.isEmpty()) {
      throw new ManifestException(file, 0, "is empty; a boxes file needs the header path,finding,x,y,w,h");
    }
    CsvRecord header = records.get(0);
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      col.putIfAbsent(header.fields().get(i).strip(), i);
    }
    for (String r : REQUIRED) {
      if (!col.containsKey(r)) {
        throw new ManifestException(file, header.line(), "no '" + r + "' column; the header must contain "
            + String.join(",", REQUIRED));
      }
    }
    List<LabeledBox> boxes = new ArrayList<>();
    for (CsvRecord r : records.subList(1, records.size())) {
      List<String> f = r.fields();
      if (f.size() != header.fields().size()) {
        throw new ManifestException(file, r.line(), "has " + f.size() + " fields but the header has "
            + header.fields().size());
      }
      String path = f.get(col.get("path"));
      String finding = f.get(col.get("finding")).strip();
      if (path.isBlank() || finding.isEmpty()) {
        throw new ManifestException(file, r.line(), "'path' and 'finding' must not be empty");
      }
      double[] v = new double[4];
      String[] names = {"x", "y", "w", "h"};
      for (int k = 0; k < 4; k++) {
        String cell = f.get(col.get(names[k])).strip();
        try {
          v[k] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new ManifestException(file, r.line(), "'" + names[k] + "' is '" + cell + "', not a number", e);
        }
        if (!Double.isFinite(v[k])) {
          throw new ManifestException(file, r.line(), "'" + names[k] + "' is '" + cell + "', not a finite number");
        }
      }
      if (v[2] <= 0 || v[3] <= 0) {
        throw new ManifestException(file, r.line(), "width and height must be positive, got w=" + v[2] + " h=" + v[3]);
      }
      boxes.add(new LabeledBox(path, finding, v[0], v[1], v[2], v[3]));
    }
    return new BoxesFile(file, boxes);
  }
}
