package org.pleura.train.eval;

/**
 * A box the model drew for a finding on one image, in pixels of the stored image.
 *
 * @param path the image path as in the manifest
 * @param finding the finding id
 * @param x left edge
 * @param y top edge
 * @param w width
 * @param h height
 * @param score the box's score in [0, 1]
 */
public record PredictedBox(String path, String finding, double x, double y, double w, double h, double score) {

  /** @return the intersection over union with another axis-aligned rectangle, 0 when either is empty */
  public double iou(double ox, double oy, double ow, double oh) {
    return Localisation.iou(x, y, w, h, ox, oy, ow, oh);
  }
}
