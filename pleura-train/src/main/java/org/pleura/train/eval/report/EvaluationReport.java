package org.pleura.train.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pleura.train.eval.EvaluationInput;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.Evaluator;

/**
 * The entry point of {@code pleura evaluate} once the scores exist: computes the metrics and writes
 * {@code predictions.csv}, {@code metrics.json} and {@code report.html} into a folder.
 *
 * <pre>{@code
 * EvaluationResult result = EvaluationReport.write(Path.of("eval"), input);
 * System.out.println("mean AUROC " + result.meanAuroc());
 * }</pre>
 */
public final class EvaluationReport {

  private EvaluationReport() {}

  /**
   * @param outDir the folder (created when missing; existing files of these names are replaced)
   * @param input the scores and what to compare them with
   * @return the metrics written
   * @throws IOException when the folder or a file cannot be written
   */
  public static EvaluationResult write(Path outDir, EvaluationInput input) throws IOException {
    Files.createDirectories(outDir);
    EvaluationResult result = Evaluator.evaluate(input);
    PredictionsCsv.write(outDir.resolve(PredictionsCsv.FILE_NAME), input);
    MetricsJson.write(outDir.resolve(MetricsJson.FILE_NAME), result);
    HtmlReport.write(outDir.resolve(HtmlReport.FILE_NAME), result);
    return result;
  }
}
