package org.pleura.train.manifest;

import java.util.Objects;

/**
 * A true box drawn around a finding, in pixels of the stored image ({@code x, y} the top-left corner).
 *
 * @param path the image path as written in the boxes file (matches the manifest's {@code path})
 * @param finding the finding id
 * @param x left edge
 * @param y top edge
 * @param w width, positive
 * @param h height, positive
 */
public record LabeledBox(String path, String finding, double x, double y, double w, double h) {

  /** Checks the values. */
  public LabeledBox {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(finding, "finding");
    if (!(w > 0 && h > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("box needs finite x, y and positive w, h: " + x + "," + y + "," + w + "," + h);
    }
  }
}
