package org.pleura.train.eval.run;

/** Told how far the scoring of a manifest has gone; called from one thread at a time. */
@FunctionalInterface
public interface ScoringProgress {

  /**
   * @param done images finished (scored or failed)
   * @param total images to score
   * @param failed images that could not be scored so far
   */
  void update(int done, int total, int failed);

  /** @return a listener that ignores everything */
  static ScoringProgress none() {
    return (done, total, failed) -> { };
  }
}
