package org.pleura.train.eval;

/**
 * Where a heat map is hottest for one finding on one image, in pixels of the stored image.
 *
 * @param path the image path as in the manifest
 * @param finding the finding id
 * @param x horizontal position
 * @param y vertical position
 */
public record HeatmapPeak(String path, String finding, double x, double y) {}
