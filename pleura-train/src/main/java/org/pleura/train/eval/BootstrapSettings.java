package org.pleura.train.eval;

/**
 * How bootstrap confidence intervals are drawn.
 *
 * @param resamples the number of resamples (default 2000)
 * @param seed the seed of the {@link java.util.SplittableRandom} that draws them (fixed, so a report is
 *     reproducible)
 * @param stratified when true (the default) each resample draws the patients with a positive image from those
 *     and the other patients from the others, both with replacement, so every resample has both classes and a
 *     defined AUROC; when false the patients are drawn from all patients and resamples that lack a class are
 *     discarded (a patient brings all its images; with one image per patient, patients are images)
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
    return resamples + (stratified ? " stratified" : "") + " bootstrap resamples of patients, each with all its "
        + "images (seed " + seed + "), percentile method";
  }
}
