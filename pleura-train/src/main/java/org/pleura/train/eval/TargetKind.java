package org.pleura.train.eval;

/** What an operating point is chosen to guarantee on the data it is chosen from. */
public enum TargetKind {
  /** At least the target sensitivity, with the highest threshold (best specificity) that reaches it. */
  SENSITIVITY,
  /** At least the target specificity, with the lowest threshold (best sensitivity) that reaches it. */
  SPECIFICITY
}
