package org.pleura.train.eval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The metrics of a model on a data set: what {@code metrics.json} and {@code report.html} show.
 *
 * @param model the model
 * @param data what was evaluated
 * @param findings one evaluation per finding id, in catalogue order
 * @param abnormal the study-level output against {@code no_finding = 0}
 * @param meanAuroc the unweighted mean of the findings' AUROCs that are defined (macro average; {@code
 *     abnormal} not included), empty when none is
 * @param meanAurocOver the finding ids in that mean
 * @param localisation localisation metrics, when true boxes and predictions were given
 * @param bootstrap how the AUROC intervals were drawn
 * @param generated when the evaluation ran
 */
public record EvaluationResult(ModelSummary model, DataSummary data, List<FindingEvaluation> findings,
    FindingEvaluation abnormal, OptionalDouble meanAuroc, List<String> meanAurocOver,
    Optional<LocalisationResult> localisation, BootstrapSettings bootstrap, Instant generated) {

  /** Copies the lists. */
  public EvaluationResult {
    findings = List.copyOf(findings);
    meanAurocOver = List.copyOf(meanAurocOver);
  }
}
