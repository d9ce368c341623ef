package org.pleura.train.manifest;

/** Where the splits of a {@link Manifest} came from. */
public enum SplitOrigin {
  /** Every row had a {@code split} value. */
  FILE,
  /** The manifest had no {@code split} values; every row was assigned by {@link PatientSplitter}. */
  DERIVED,
  /**
   * Some rows had a {@code split} value; the others took their patient's split when another row of the
   * same patient had one, and a derived split otherwise.
   */
  MIXED
}
