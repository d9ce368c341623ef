package org.pleura.train.eval;

/**
 * A box the model gave for a finding on one image, in pixels of the stored image.
 *
 * @param path the image path as in the manifest
 * @param finding the finding id
 * @param x left edge
 * @param y top edge
 * @param w width
 * @param h height
 * @param score the box's score in [0, 1]
 * @param drawn whether the model shows it (a called box); a detector's uncalled candidates count only in the FROC
 */
public record PredictedBox(String path, String finding, double x, double y, double w, double h, double score,
    boolean drawn) {

  /** A box the model shows. */
  public PredictedBox(String path, String finding, double x, double y, double w, double h, double score) {
    this(path, finding, x, y, w, h, score, true);
  }

  /** @return whether the box's centre lies inside the rectangle (edges included) */
  public boolean centreInside(double ox, double oy, double ow, double oh) {
    double cx = x + w / 2;
    double cy = y + h / 2;
    return cx >= ox && cx <= ox + ow && cy >= oy && cy <= oy + oh;
  }

  /** @return the intersection over union with another axis-aligned rectangle, 0 when either is empty */
  public double iou(double ox, double oy, double ow, double oh) {
    return Localisation.iou(x, y, w, h, ox, oy, ow, oh);
  }
}
