package org.pleura.train.eval.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pleura.train.eval.EvaluationInput;
import org.pleura.train.manifest.ManifestEntry;

/**
 * Writes {@code predictions.csv}: a header {@code path,<finding ids in catalogue order>,abnormal}, then one row
 * per scored image in manifest order, {@code path} exactly as written in the manifest (RFC 4180 quoted when
 * needed) and each score in plain decimal notation with every digit Java needs to read back the same double,
 * so that AUROCs recomputed from this file match {@code metrics.json}. UTF-8, LF line ends, no BOM.
 */
public final class PredictionsCsv {

  /** The file name in an evaluation folder. */
  public static final String FILE_NAME = "predictions.csv";

  private PredictionsCsv() {}

  /**
   * @param file where to write
   * @param input the scores and the manifest they belong to
   * @throws IOException when the file cannot be written
   */
  public static void write(Path file, EvaluationInput input) throws IOException {
    List<String> columns = new ArrayList<>(input.findingIds());
    columns.add(EvaluationInput.ABNORMAL);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("path");
      for (String c : columns) {
        w.write(',');
        w.write(quote(c));
      }
      w.write('\n');
      for (ManifestEntry e : input.scoredEntries()) {
        w.write(quote(e.path()));
        for (String c : columns) {
          w.write(',');
          w.write(number(input.scores().score(e.path(), c).orElseThrow()));
        }
        w.write('\n');
      }
    }
  }

  /** @return the shortest plain decimal that reads back as the same double (no exponent) */
  static String number(double v) {
    if (v == 0) {
      return "0";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** @return the field, quoted when it holds a comma, quote, CR or LF, or starts or ends with a space */
  static String quote(String field) {
    boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
        || field.indexOf('\r') >= 0 || (!field.isEmpty() && (field.charAt(0) == ' ' || field.endsWith(" ")));
    return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
