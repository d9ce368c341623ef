package org.pleura.train.manifest;

import java.util.List;

/**
 * One CSV record: its fields (unquoted) and the 1-based physical line where it starts.
 *
 * @param line the line where the record starts (a quoted field may span several lines)
 * @param fields the field values, quotes removed and doubled quotes collapsed
 */
public record CsvRecord(int line, List<String> fields) {

  /** Copies the fields. */
  public CsvRecord {
    fields = List.copyOf(fields);
  }

  /** @return true when the record is a blank line (a single empty field) */
  public boolean isBlank() {
    return fields.size() == 1 && fields.get(0).isBlank();
  }
}
