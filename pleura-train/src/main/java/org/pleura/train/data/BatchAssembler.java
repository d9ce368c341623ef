package org.pleura.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.pleura.image.augment.RadiographAugmenter;
import org.pleura.model.inference.Preprocessor;

/**
 * Builds batches from the image cache: optional augmentation (each image's random draw depends only on the seed,
 * the epoch and the image, so a resumed run sees the same images as an uninterrupted one), then the same
 * per-image standardization as inference ({@link Preprocessor#standardize}).
 */
public final class BatchAssembler {

    private final ImageCache cache;
    private final int[] cacheIndex;
    private final LabelMatrix labels;
    private final RadiographAugmenter augmenter;
    private final long seed;
    private final BoxTargets boxes;
    private final int cells;
    private final int detectorClasses;

    /**
     * @param cache      cached images
     * @param cacheIndex cache index of each label-matrix row
     * @param labels     targets
     * @param augmenter  applied to each image, or {@code null} for none
     * @param seed       base seed
     */
    public BatchAssembler(ImageCache cache, int[] cacheIndex, LabelMatrix labels, RadiographAugmenter augmenter, long seed) {
        this(cache, cacheIndex, labels, augmenter, seed, BoxTargets.none(), 0, 0);
    }

    /**
     * An assembler whose batches also carry where each row's boxes fall on the activation map.
     *
     * @param boxes where findings are, by label row
     * @param cells side of the network's activation map for the cache's image size
     */
    public BatchAssembler(ImageCache cache, int[] cacheIndex, LabelMatrix labels, RadiographAugmenter augmenter, long seed,
                          BoxTargets boxes, int cells) {
        this(cache, cacheIndex, labels, augmenter, seed, boxes, cells, 0);
    }

    /**
     * An assembler whose batches carry a detector's targets: the boxes of classes {@code 0..detectorClasses-1},
     * moved with the image's augmentation, as {@link CentreTargets} on a map of side {@code cells}.
     */
    public static BatchAssembler forDetector(ImageCache cache, int[] cacheIndex, LabelMatrix labels,
                                             RadiographAugmenter augmenter, long seed, BoxTargets boxes, int cells,
                                             int detectorClasses) {
        if (detectorClasses < 1) {
            throw new IllegalArgumentException("a detector has at least one class");
        }
        return new BatchAssembler(cache, cacheIndex, labels, augmenter, seed, boxes, cells, detectorClasses);
    }

    private BatchAssembler(ImageCache cache, int[] cacheIndex, LabelMatrix labels, RadiographAugmenter augmenter,
                           long seed, BoxTargets boxes, int cells, int detectorClasses) {
        if (cacheIndex.length != labels.rows()) {
            throw new IllegalArgumentException("one cache index per label row needed");
        }
        if (!boxes.isEmpty() && (cells < 1 || cache.size() % cells != 0)) {
            throw new IllegalArgumentException("the map side " + cells + " must divide the image side " + cache.size());
        }
        this.cache = cache;
        this.cacheIndex = cacheIndex.clone();
        this.labels = labels;
        this.augmenter = augmenter;
        this.seed = seed;
        this.boxes = boxes;
        this.cells = cells;
        this.detectorClasses = detectorClasses;
        if (detectorClasses > 0 && (cells < 1 || cache.size() % cells != 0)) {
            throw new IllegalArgumentException("the map side " + cells + " must divide the image side " + cache.size());
        }
    }

    /** The batch of these rows for an epoch. */
    public Batch assemble(int[] rows, int epoch) {
        int s = cache.size();
        int n = s * s;
        float[] images = new float[rows.length * n];
        int k = labels.outputs().size();
        boolean detector = detectorClasses > 0;
        boolean withBoxes = !boxes.isEmpty() && !detector;
        int g2 = cells * cells;
        float[] heat = detector ? new float[rows.length * detectorClasses * g2] : null;
        float[] boxValues = detector ? new float[rows.length * 4 * g2] : null;
        float[] centres = detector ? new float[rows.length * g2] : null;
        int g = cells * cells;
        float[] boxMask = withBoxes ? new float[rows.length * k * g] : null;
        float[] boxWeight = withBoxes ? new float[rows.length * k] : null;
        for (int i = 0; i < rows.length; i++) {
            int index = cacheIndex[rows[i]];
            float[] px = cache.pixels(index);
            RadiographAugmenter.Draw draw = null;
            if (augmenter != null) {
                Random r = new Random(seed * 1_000_003L + epoch * 7_919L + rows[i]);
                draw = augmenter.draw(s, s, r);
                px = draw.apply(px);
            }
            System.arraycopy(Preprocessor.standardize(px), 0, images, i * n, n);
            if (detector) {
                List<CentreTargets.Box> moved = new ArrayList<>();
                for (BoxTargets.Target t : boxes.of(rows[i])) {
                    if (t.output() < detectorClasses) {
                        movedBox(t, s, cache.sourceWidth(index), cache.sourceHeight(index), draw).ifPresent(moved::add);
                    }
                }
                CentreTargets c = CentreTargets.of(moved, detectorClasses, cells, s);
                System.arraycopy(c.heat(), 0, heat, i * detectorClasses * g2, detectorClasses * g2);
                System.arraycopy(c.box(), 0, boxValues, i * 4 * g2, 4 * g2);
                System.arraycopy(c.centres(), 0, centres, i * g2, g2);
            }
            if (withBoxes) {
                List<BoxTargets.Target> mine = boxes.of(rows[i]);
                for (int j = 0; j < k && !mine.isEmpty(); j++) {
                    float[] mask = rasterise(mine, j, s, cache.sourceWidth(index), cache.sourceHeight(index));
                    if (mask == null) {
                        continue;
                    }
                    if (draw != null) {
                        mask = draw.warp(mask);
                    }
                    if (pool(mask, s, boxMask, (i * k + j) * g)) {
                        boxWeight[i * k + j] = 1;
                    }
                }
            }
        }
        float[][] lm = labels.gather(rows);
        if (detector) {
            return new Batch(rows.clone(), images, lm[0], lm[1], s, null, null, cells,
                    new Batch.Detection(heat, boxValues, centres, detectorClasses, cells));
        }
        return withBoxes ? new Batch(rows.clone(), images, lm[0], lm[1], s, boxMask, boxWeight, cells, null)
                : new Batch(rows.clone(), images, lm[0], lm[1], s);
    }

    /**
     * A box in the cached image's pixels after the image's augmentation: the box is drawn on a mask, the mask moved
     * with the image, and the moved mask's extent read back (empty when the box left the image).
     */
    private static java.util.Optional<CentreTargets.Box> movedBox(BoxTargets.Target t, int s, int sourceWidth,
                                                                  int sourceHeight, RadiographAugmenter.Draw draw) {
        double fx = (double) s / sourceWidth;
        double fy = (double) s / sourceHeight;
        double x0 = t.x() * fx;
        double y0 = t.y() * fy;
        double x1 = (t.x() + t.w()) * fx;
        double y1 = (t.y() + t.h()) * fy;
        if (draw == null) {
            return x1 > x0 && y1 > y0 ? java.util.Optional.of(new CentreTargets.Box(t.output(), Math.max(0, x0),
                    Math.max(0, y0), Math.min(s, x1), Math.min(s, y1))) : java.util.Optional.empty();
        }
        float[] mask = new float[s * s];
        for (int y = Math.max(0, (int) Math.floor(y0)); y < Math.min(s, (int) Math.ceil(y1)); y++) {
            for (int x = Math.max(0, (int) Math.floor(x0)); x < Math.min(s, (int) Math.ceil(x1)); x++) {
                mask[y * s + x] = 1;
            }
        }
        float[] moved = draw.warp(mask);
        int minX = s;
        int minY = s;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                if (moved[y * s + x] >= 0.5f) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new CentreTargets.Box(t.output(), minX, minY, maxX + 1, maxY + 1));
    }

    /** The union of an output's boxes as a {@code s x s} mask of the cached image, or null when it has none. */
    private static float[] rasterise(List<BoxTargets.Target> targets, int output, int s, int sourceWidth, int sourceHeight) {
        float[] mask = null;
        double fx = (double) s / sourceWidth;
        double fy = (double) s / sourceHeight;
        for (BoxTargets.Target t : targets) {
            if (t.output() != output) {
                continue;
            }
            if (mask == null) {
                mask = new float[s * s];
            }
            int x0 = Math.max(0, (int) Math.floor(t.x() * fx));
            int y0 = Math.max(0, (int) Math.floor(t.y() * fy));
            int x1 = Math.min(s, (int) Math.ceil((t.x() + t.w()) * fx));
            int y1 = Math.min(s, (int) Math.ceil((t.y() + t.h()) * fy));
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    mask[y * s + x] = 1;
                }
            }
        }
        return mask;
    }

    /** Averages a {@code s x s} mask over the map's cells into {@code out} at {@code offset}; false if empty. */
    private boolean pool(float[] mask, int s, float[] out, int offset) {
        int step = s / cells;
        double any = 0;
        for (int cy = 0; cy < cells; cy++) {
            for (int cx = 0; cx < cells; cx++) {
                double sum = 0;
                for (int y = cy * step; y < (cy + 1) * step; y++) {
                    for (int x = cx * step; x < (cx + 1) * step; x++) {
                        sum += mask[y * s + x];
                    }
                }
                float v = (float) (sum / (step * step));
                out[offset + cy * cells + cx] = v;
                any += v;
            }
        }
        return any > 0;
    }

    /** Rows in a shuffled order that depends only on the seed and the epoch. */
    public static int[] shuffledRows(int rows, long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random r = new Random(seed * 31L + epoch);
        for (int i = rows - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
