package org.pleura.train.eval;

/**
 * How bootstrap confidence intervals are drawn.
 *
 * @param resamples the number of resamples (default 2000)
 * @param seed the seed of the {@link java.util.SplittableRandom} that draws them (fixed, so a report is
 *     reproducible)
 * @param stratified when true (the default) each resample draws the positives from the positives and the
 *     negatives from the negatives, both with replacement, so every resample keeps the class counts and
 *     has a defined AUROC; when false the images are drawn from all images and resamples that lack a class
 *     are discarded
 */
public record BootstrapSettings(int resamples, long seed, boolean stratified) {

  /** 2000 stratified resamples with seed 20170601. */
  public static final BootstrapSettings DEFAULT = new BootstrapSettings(2000, 20170601L, true);

  /** Checks the number of resamples. */
  public BootstrapSettings {
    if (resamples < 1) {
      throw new IllegalArgumentException("the bootstrap needs at least 1 resample, got " + resamples);
    }
  }

  /** @return the same settings with another number of resamples */
  public BootstrapSettings withResamples(int n) {
    return new BootstrapSettings(n, seed, stratified);
  }

  /** @return a one-line description for reports */
  public String describe() {
    return resamples + (stratified ? " stratified" : "") + " bootstrap resamples (seed " + seed
        + "), percentile method";
  }
}
