package org.pleura.train.manifest;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a manifest CSV (docs/formats.md): UTF-8 (byte order mark tolerated), RFC 4180 quoting, a header row;
 * {@code path} required (relative to the manifest's folder, or absolute); optional {@code patient_id},
 * {@code split} ({@code train}/{@code val}/{@code test}); one label column per finding id (and {@code no_finding})
 * holding {@code 1}, {@code 0} or empty (unknown); {@code 1.0} and {@code 0.0} are read as 1 and 0, anything else
 * (e.g. CheXpert's {@code -1} for uncertain) is an error: write uncertain labels as empty. Every other column
 * ({@code view}, {@code sex}, {@code age}, {@code source}, {@code region}, {@code hardware}...) is metadata, kept
 * per image when not blank (what evaluations group by). Column names are matched without case or surrounding
 * spaces. A finding id with no column is unknown for every image; blank lines are skipped. A manifest without a
 * {@code no_finding} column but with a column for every finding of the catalogue gets one derived per row: 1 when
 * every finding is 0, 0 when any is 1, unknown otherwise.
 *
 * <p>Rows without a split (no {@code split} column, or a blank cell) take the split of another row of the
 * same patient when there is one, and otherwise the split {@link PatientSplitter} derives from the patient
 * id (or from the path when there is no patient id). Two rows of one patient with different explicit splits
 * are an error: splits are always by patient.
 *
 * <pre>{@code
 * Manifest m = ManifestReader.forFindings(catalogueIds).read(Path.of("data/manifest.csv"));
 * }</pre>
 *
 * @param findingIds the finding ids whose columns are labels ({@code no_finding} is always one too)
 * @param splitter how rows without a split are assigned one
 */
public record ManifestReader(List<String> findingIds, PatientSplitter splitter) {

  /** Column names with a meaning beyond labels. */
  public static final String PATH = "path";
  /** The patient identifier column; splits never separate a patient's images. */
  public static final String PATIENT_ID = "patient_id";
  /** The split column. */
  public static final String SPLIT = "split";
  /** The metadata columns Pleura's own data describe; any other non-label column is metadata too. */
  public static final List<String> METADATA_COLUMNS = List.of("view", "sex", "age", "source");

  /** Copies the ids. */
  public ManifestReader {
    findingIds = List.copyOf(findingIds);
    Objects.requireNonNull(splitter, "splitter");
  }

  /**
   * @param findingIds the finding ids whose columns are labels
   * @return a reader with the default 80/10/10 patient splitter
   */
  public static ManifestReader forFindings(List<String> findingIds) {
    return new ManifestReader(findingIds, PatientSplitter.DEFAULT);
  }

  /** @return a reader with another splitter for rows without a split */
  public ManifestReader withSplitter(PatientSplitter newSplitter) {
    return new ManifestReader(findingIds, newSplitter);
  }

  /**
   * Reads and validates a manifest.
   *
   * @param file the manifest CSV
   * @return the manifest
   * @throws ManifestException naming the file and line when the file is unreadable, not CSV, lacks a
   *     {@code path} column, has a row with the wrong number of fields, an empty or duplicate path, a label
   *     other than 1/0/empty, an unknown split, or a patient in two splits
   */
  public Manifest read(Path file) throws ManifestException {
    List<CsvRecord> records = CsvReader.read(file).stream().filter(r -> !r.isBlank()).toList();
    if (records.isEmpty()) {
      throw new ManifestException(file, 0, "is empty; a manifest needs a header row with at least a 'path' column");
    }
    CsvRecord header = records.get(0);
    Map<String, Integer> columns = columnIndex(file, header);
    Integer pathCol = columns.get(PATH);
    if (pathCol == null) {
      throw new ManifestException(file, header.line(),
          "no 'path' column in the header " + header.fields() + "; the first row must name the columns");
    }
    Integer patientCol = columns.get(PATIENT_ID);
    Integer splitCol = columns.get(SPLIT);
    Set<String> labelIds = new LinkedHashSet<>(findingIds);
    labelIds.add(Manifest.NO_FINDING);
    List<String> labelColumns = header.fields().stream().map(ManifestReader::columnKey).filter(labelIds::contains)
        .toList();
    boolean deriveNoFinding = !labelColumns.contains(Manifest.NO_FINDING) && !findingIds.isEmpty()
        && labelColumns.containsAll(findingIds);
    Set<String> reserved = new java.util.HashSet<>(labelIds);
    reserved.addAll(List.of(PATH, PATIENT_ID, SPLIT));
    List<String> metadataColumns = header.fields().stream().map(ManifestReader::columnKey)
        .filter(c -> !c.isEmpty() && !reserved.contains(c)).distinct().toList();
    Path folder = file.toAbsolutePath().getParent();

    List<Row> rows = new ArrayList<>();
    Map<String, Integer> lineOfPath = new HashMap<>();
    for (CsvRecord r : records.subList(1, records.size())) {
      List<String> f = r.fields();
      if (f.size() != header.fields().size()) {
        throw new ManifestException(file, r.line(), "has " + f.size() + " fields but the header has "
            + header.fields().size() + "; check for a missing or extra comma, or quote fields that contain commas");
      }
      String path = f.get(pathCol);
      if (path.isBlank()) {
        throw new ManifestException(file, r.line(), "the 'path' cell is empty; every row needs an image path");
      }
      Integer previous = lineOfPath.putIfAbsent(path, r.line());
      if (previous != null) {
        throw new ManifestException(file, r.line(), "duplicate path '" + path + "' (already on line " + previous
            + "); list each image once");
      }
      Path resolved;
      try {
        Path p = Path.of(path);
        resolved = (p.isAbsolute() || folder == null ? p : folder.resolve(p)).normalize();
      } catch (InvalidPathException e) {
        throw new ManifestException(file, r.line(), "'" + path + "' is not a valid file path: " + e.getReason(), e);
      }
      Optional<String> patient = Optional.ofNullable(patientCol).map(f::get).map(String::strip).filter(s -> !s.isEmpty());
      Split split = null;
      if (splitCol != null && !f.get(splitCol).isBlank()) {
        split = Split.parse(f.get(splitCol)).orElseThrow(() -> new ManifestException(file, r.line(),
            "split '" + f.get(splitCol) + "' is not train, val or test (leave it empty to derive one)"));
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      for (String m : metadataColumns) {
        Integer c = columns.get(m);
        if (c != null && !f.get(c).isBlank()) {
          metadata.put(m, f.get(c).strip());
        }
      }
      Map<String, Label> labels = new LinkedHashMap<>();
      for (String id : labelColumns) {
        String cell = f.get(columns.get(id));
        Label label = Label.parse(cell);
        if (label == null) {
          throw new ManifestException(file, r.line(), "column '" + id + "' has value '" + cell
              + "'; expected 1 (present), 0 (absent) or empty (unknown or uncertain)");
        }
        labels.put(id, label);
      }
      if (deriveNoFinding) {
        boolean anyPositive = findingIds.stream().anyMatch(id -> labels.get(id) == Label.POSITIVE);
        boolean allNegative = findingIds.stream().allMatch(id -> labels.get(id) == Label.NEGATIVE);
        labels.put(Manifest.NO_FINDING, anyPositive ? Label.NEGATIVE : allNegative ? Label.POSITIVE : Label.UNKNOWN);
      }
      rows.add(new Row(path, resolved, patient, split, metadata, labels, r.line()));
    }
    return assemble(file, rows, labelColumns);
  }

  private Manifest assemble(Path file, List<Row> rows, List<String> labelColumns) throws ManifestException {
    Map<String, Row> explicitByPatient = new HashMap<>();
    int explicit = 0;
    for (Row r : rows) {
      if (r.split == null) {
        continue;
      }
      explicit++;
      Row first = explicitByPatient.putIfAbsent(r.patientKey(), r);
      if (first != null && first.split != r.split) {
        throw new ManifestException(file, r.line, "patient '" + r.patient.orElse(r.path) + "' is in split '"
            + r.split.id() + "' here but in '" + first.split.id() + "' on line " + first.line
            + "; all images of a patient must be in the same split");
      }
    }
    List<ManifestEntry> entries = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Split split = r.split;
      if (split == null) {
        Row sibling = explicitByPatient.get(r.patientKey());
        split = sibling != null ? sibling.split : splitter.assign(r.patientKey());
      }
      entries.add(new ManifestEntry(r.path, r.resolved, r.patient, split, r.metadata, r.labels, r.line));
    }
    SplitOrigin origin = explicit == rows.size() ? SplitOrigin.FILE
        : explicit == 0 ? SplitOrigin.DERIVED : SplitOrigin.MIXED;
    return new Manifest(file, entries, labelColumns, origin);
  }

  private static Map<String, Integer> columnIndex(Path file, CsvRecord header) throws ManifestException {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = columnKey(header.fields().get(i));
      if (name.isEmpty()) {
        continue;
      }
      Integer previous = columns.putIfAbsent(name, i);
      if (previous != null) {
        throw new ManifestException(file, header.line(), "column '" + name + "' appears twice in the header"
            + " (columns " + (previous + 1) + " and " + (i + 1) + ", names compared without case); keep one");
      }
    }
    return columns;
  }

  /** Column names are matched without surrounding spaces and without case ({@code Effusion} is {@code effusion}). */
  private static String columnKey(String headerCell) {
    return headerCell.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** A parsed row before splits are settled. */
  private record Row(String path, Path resolved, Optional<String> patient, Split split,
      Map<String, String> metadata, Map<String, Label> labels, int line) {
    /** Patient ids and paths live in separate key spaces so that a path never collides with an id. */
    String patientKey() {
      return patient.map(p -> "patient:" + p).orElse("path:" + path);
    }
  }
}
