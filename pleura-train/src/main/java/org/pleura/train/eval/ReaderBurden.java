package org.pleura.train.eval;

import java.util.List;

/**
 * What the model's calls cost a reader on normal studies ({@code no_finding = 1}): the share of them with at least
 * one positive call, with at least one call of any kind (positive or doubtful), and the calls per study. Every call
 * on a normal study is a false alarm. Only findings the model calls count (not the study-level output, not findings
 * "not validated for calls").
 *
 * @param normalStudies the evaluated normal studies
 * @param withPositiveCall normal studies with a positive call
 * @param withAnyCall normal studies with a positive or doubtful call
 * @param positiveCallsPerStudy positive calls per normal study
 * @param callsPerStudy positive or doubtful calls per normal study
 * @param calledFindings the findings counted
 * @param notValidated the findings the model does not call
 */
public record ReaderBurden(int normalStudies, Proportion withPositiveCall, Proportion withAnyCall,
    double positiveCallsPerStudy, double callsPerStudy, List<String> calledFindings, List<String> notValidated) {

  /** Copies. */
  public ReaderBurden {
    calledFindings = List.copyOf(calledFindings);
    notValidated = List.copyOf(notValidated);
  }
}
