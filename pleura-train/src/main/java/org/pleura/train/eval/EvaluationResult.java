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
 * @param subgroups the model within the groups of each {@code --by} column, in column order
 * @param audit the shortcut audit of the {@code --by} columns, when any
 * @param burden the calls on normal studies, when the data has normal studies and the model operating points
 * @param notValidated the outputs the model does not call ("not validated for calls")
 * @param froc box-level FROC per finding with true boxes, when boxes were given
 */
public record EvaluationResult(ModelSummary model, DataSummary data, List<FindingEvaluation> findings,
    FindingEvaluation abnormal, OptionalDouble meanAuroc, List<String> meanAurocOver,
    Optional<LocalisationResult> localisation, BootstrapSettings bootstrap, Instant generated,
    List<SubgroupEvaluation> subgroups, Optional<ShortcutAudit> audit, Optional<ReaderBurden> burden,
    java.util.Set<String> notValidated, List<Froc.Curve> froc) {

  /** Copies the lists. */
  public EvaluationResult {
    findings = List.copyOf(findings);
    meanAurocOver = List.copyOf(meanAurocOver);
    subgroups = List.copyOf(subgroups);
    notValidated = java.util.Set.copyOf(notValidated);
    froc = List.copyOf(froc);
  }
}
