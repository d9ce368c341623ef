package org.pleura.model.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.Region;

/**
 * Heat map to boxes: the map is upsampled (bilinear) and scaled by its maximum, cells at or above
 * {@code relativeThreshold} of the maximum are grouped into 8-connected components, and each component's bounding
 * box, mapped to source-image pixels, becomes a region scored {@code findingScore x component peak / map max}.
 * Components smaller than {@code minAreaFraction} of the image are dropped; at most {@code maxBoxes} are kept,
 * best first.
 *
 * @param relativeThreshold fraction of the map's maximum a cell needs to be part of a box (e.g. 0.5)
 * @param maxBoxes          most boxes per finding
 * @param minAreaFraction   smallest box area as a fraction of the image area
 * @param upsample          grid refinement factor before thresholding (e.g. 8: a 8x8 map is thresholded at 64x64)
 */
public record BoxExtractor(double relativeThreshold, int maxBoxes, double minAreaFraction, int upsample) {

    public BoxExtractor {
        if (!(relativeThreshold > 0 && relativeThreshold < 1)) {
            throw new IllegalArgumentException("relative threshold must be in (0, 1): " + relativeThreshold);
        }
        if (maxBoxes < 1 || upsample < 1 || minAreaFraction < 0) {
            throw new IllegalArgumentException("max boxes and upsample must be positive, min area non-negative");
        }
    }

    /** Half of the maximum, three boxes at most, none under 0.5 % of the image, 8x refinement. */
    public static BoxExtractor defaults() {
        return new BoxExtractor(0.5, 3, 0.005, 8);
    }

    /** Boxes for one heat map, in source-image pixels, best first; empty if the map has no positive activation. */
    public List<Region> boxes(HeatMap map, double findingScore) {
        int gw = map.width() * upsample;
        int gh = map.height() * upsample;
        float[] v = map.normalised(gw, gh);
        boolean any = false;
        for (float x : v) {
            if (x > 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            return List.of();
        }
        int[] label = new int[v.length];
        int[] stack = new int[v.length];
        double sx = (double) map.sourceWidth() / gw;
        double sy = (double) map.sourceHeight() / gh;
        List<Region> regions = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < v.length; start++) {
            if (label[start] != 0 || v[start] < relativeThreshold) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            float peak = 0;
            while (top > 0) {
                int p = stack[--top];
                int px = p % gw;
                int py = p / gw;
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                peak = Math.max(peak, v[p]);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        int ny = py + dy;
                        if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) {
                            continue;
                        }
                        int q = ny * gw + nx;
                        if (label[q] == 0 && v[q] >= relativeThreshold) {
                            label[q] = next;
                            stack[top++] = q;
                        }
                    }
                }
            }
            double x = minX * sx;
            double y = minY * sy;
            double w = (maxX - minX + 1) * sx;
            double h = (maxY - minY + 1) * sy;
            if (w * h < minAreaFraction * map.sourceWidth() * map.sourceHeight()) {
                continue;
            }
            double score = Math.max(0, Math.min(1, findingScore * Math.min(1, peak)));
            regions.add(new Region(x, y, w, h, score));
        }
        regions.sort(Comparator.comparingDouble(Region::score).reversed());
        return regions.size() > maxBoxes ? List.copyOf(regions.subList(0, maxBoxes)) : List.copyOf(regions);
    }
}
