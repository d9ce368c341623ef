package org.pleura.train.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns a patient to a split deterministically: the SHA-256 digest of {@code salt + ":" + key}, its first
 * 8 bytes read as a number in [0, 1), compared with the cumulative {@link SplitRatios}. The same patient
 * key always lands in the same split on every machine and run, whatever the order of the rows, so no
 * patient is ever split across sets; the fractions hold approximately (by patients, not by images).
 *
 * <pre>{@code
 * PatientSplitter splitter = new PatientSplitter(SplitRatios.DEFAULT, "pleura");
 * Split s = splitter.assign("patient:00012345");
 * }</pre>
 *
 * @param ratios the target fractions
 * @param salt changes the assignment as a whole (a different but still deterministic split)
 */
public record PatientSplitter(SplitRatios ratios, String salt) {

  /** 80/10/10 with the salt {@code pleura}. */
  public static final PatientSplitter DEFAULT = new PatientSplitter(SplitRatios.DEFAULT, "pleura");

  /** Checks the arguments. */
  public PatientSplitter {
    java.util.Objects.requireNonNull(ratios, "ratios");
    java.util.Objects.requireNonNull(salt, "salt");
  }

  /**
   * @param key the patient key (see {@link ManifestEntry#patientKey()})
   * @return the split for that key
   */
  public Split assign(String key) {
    double u = unitInterval(salt + ":" + key);
    if (u < ratios.train()) {
      return Split.TRAIN;
    }
    if (u < ratios.train() + ratios.val()) {
      return Split.VAL;
    }
    return Split.TEST;
  }

  /** @return a number in [0, 1) from the first 53 bits of the SHA-256 digest of the text */
  static double unitInterval(String text) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xFF);
    }
    return (v >>> 11) * 0x1.0p-53;
  }
}
