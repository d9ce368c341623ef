package org.pleura.train.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 CSV reader for UTF-8 files: comma-separated, fields optionally enclosed in double
 * quotes (which may contain commas, line breaks and doubled quotes), CRLF or LF line ends, a leading byte
 * order mark tolerated. Malformed input (text after a closing quote, an unterminated quoted field, bytes
 * that are not UTF-8) raises a {@link ManifestException} naming the line.
 */
public final class CsvReader {

  private CsvReader() {}

  /**
   * Reads every record of a file, blank lines included (callers usually skip {@link CsvRecord#isBlank()}).
   *
   * @param file a UTF-8 CSV file
   * @return the records in file order
   * @throws ManifestException when the file cannot be read or is not valid CSV
   */
  public static List<CsvRecord> read(Path file) throws ManifestException {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ManifestException(file, 0, "is not valid UTF-8 text; save it as UTF-8 CSV", e);
    } catch (IOException e) {
      throw new ManifestException(file, 0, "cannot be read: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /**
   * Parses CSV text.
   *
   * @param file the file name used in error messages
   * @param text the whole content
   * @return the records in order
   * @throws ManifestException on malformed CSV
   */
  public static List<CsvRecord> parse(Path file, String text) throws ManifestException {
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int n = text.length();
    List<CsvRecord> records = new ArrayList<>();
    int line = 1;
    while (i < n) {
      int recordLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean endOfRecord = false;
      while (!endOfRecord) {
        if (i < n && text.charAt(i) == '"') {
          int quoteLine = line;
          i++;
          while (true) {
            if (i >= n) {
              throw new ManifestException(file, quoteLine, "a quoted field is never closed (missing '\"')");
            }
            char c = text.charAt(i++);
            if (c == '"') {
              if (i < n && text.charAt(i) == '"') {
                field.append('"');
                i++;
              } else {
                break;
              }
            } else {
              if (c == '\n') {
                line++;
              }
              field.append(c);
            }
          }
          if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            throw new ManifestException(file, line,
                "unexpected text after a closing quote; inside a quoted field write a quote as \"\"");
          }
        } else {
          while (i < n) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n' || c == '\r') {
              break;
            }
            if (c == '"') {
              throw new ManifestException(file, line,
                  "a quote inside an unquoted field; enclose the field in quotes and write the quote as \"\"");
            }
            field.append(c);
            i++;
          }
        }
        fields.add(field.toString());
        field.setLength(0);
        if (i >= n) {
          endOfRecord = true;
        } else {
          char c = text.charAt(i++);
          if (c == '\r') {
            if (i < n && text.charAt(i) == '\n') {
              i++;
            }
            line++;
            endOfRecord = true;
          } else if (c == '\n') {
            line++;
            endOfRecord = true;
          }
        }
      }
      records.add(new CsvRecord(recordLine, fields));
    }
    return records;
  }
}
