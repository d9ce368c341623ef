package org.pleura.model.pkg;

import java.util.List;

/**
 * Where on the image a model's findings can be, learnt from the radiologists' boxes of its training images: a
 * coarse grid over the image (in fractions of its width and height), each cell allowed ({@code 1}) or not
 * ({@code 0}). Heat maps are cut to the allowed cells before boxes are drawn, so that no box falls where no
 * training finding ever was (for a chest model: outside the thorax, in the abdomen or the neck). Stored in
 * {@code model.json} as one string of {@code 0}/{@code 1} per row, top row first.
 *
 * @param width  columns
 * @param height rows
 * @param rows   {@code height} strings of {@code width} characters {@code 0} or {@code 1}
 */
public record RegionPrior(int width, int height, List<String> rows) {

    public RegionPrior {
        rows = List.copyOf(rows);
        if (width < 1 || height < 1 || rows.size() != height) {
            throw new IllegalArgumentException("a region prior needs " + height + " rows of " + width + " cells");
        }
        for (String r : rows) {
            if (r.length() != width || !r.chars().allMatch(c -> c == '0' || c == '1')) {
                throw new IllegalArgumentException("region prior rows are " + width + " characters 0 or 1: " + r);
            }
        }
    }

    /** Whether a point, in fractions of the image's width and height, lies in an allowed cell. */
    public boolean allows(double fx, double fy) {
        int x = (int) Math.floor(fx * width);
        int y = (int) Math.floor(fy * height);
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return false;
        }
        return rows.get(y).charAt(x) == '1';
    }

    /** The fraction of the image the prior allows. */
    public double allowedFraction() {
        long ones = rows.stream().mapToLong(r -> r.chars().filter(c -> c == '1').count()).sum();
        return (double) ones / (width * height);
    }

    /**
     * A prior from boxes given in fractions of their image: cells covered by at least one box, grown by
     * {@code margin} cells in every direction.
     *
     * @param boxes  {@code x, y, w, h} fractions of the image, four values per box
     * @param side   cells per side
     * @param margin cells added around the covered area
     */
    public static RegionPrior fromBoxes(List<double[]> boxes, int side, int margin) {
        boolean[] covered = new boolean[side * side];
        for (double[] b : boxes) {
            int x0 = clamp((int) Math.floor(b[0] * side), side);
            int y0 = clamp((int) Math.floor(b[1] * side), side);
            int x1 = clamp((int) Math.ceil((b[0] + b[2]) * side) - 1, side);
            int y1 = clamp((int) Math.ceil((b[1] + b[3]) * side) - 1, side);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    covered[y * side + x] = true;
                }
            }
        }
        StringBuilder[] rows = new StringBuilder[side];
        for (int y = 0; y < side; y++) {
            rows[y] = new StringBuilder(side);
            for (int x = 0; x < side; x++) {
                boolean any = false;
                for (int dy = -margin; dy <= margin && !any; dy++) {
                    for (int dx = -margin; dx <= margin && !any; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        any = xx >= 0 && yy >= 0 && xx < side && yy < side && covered[yy * side + xx];
                    }
                }
                rows[y].append(any ? '1' : '0');
            }
        }
        return new RegionPrior(side, side, java.util.Arrays.stream(rows).map(StringBuilder::toString).toList());
    }

    private static int clamp(int v, int side) {
        return Math.max(0, Math.min(side - 1, v));
    }
}
