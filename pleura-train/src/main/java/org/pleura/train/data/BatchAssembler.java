package org.pleura.train.data;

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

    /**
     * @param cache      cached images
     * @param cacheIndex cache index of each label-matrix row
     * @param labels     targets
     * @param augmenter  applied to each image, or {@code null} for none
     * @param seed       base seed
     */
    public BatchAssembler(ImageCache cache, int[] cacheIndex, LabelMatrix labels, RadiographAugmenter augmenter, long seed) {
        this(cache, cacheIndex, labels, augmenter, seed, BoxTargets.none(), 0);
    }

    /**
     * An assembler whose batches also carry where each row's boxes fall on the activation map.
     *
     * @param boxes where findings are, by label row
     * @param cells side of the network's activation map for the cache's image size
     */
    public BatchAssembler(ImageCache cache, int[] cacheIndex, LabelMatrix labels, RadiographAugmenter augmenter, long seed,
                          BoxTargets boxes, int cells) {
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
    }

    /** The batch of these rows for an epoch. */
    public Batch assemble(int[] rows, int epoch) {
        int s = cache.size();
        int n = s * s;
        float[] images = new float[rows.length * n];
        int k = labels.outputs().size();
        boolean withBoxes = !boxes.isEmpty();
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
        return withBoxes ? new Batch(rows.clone(), images, lm[0], lm[1], s, boxMask, boxWeight, cells)
                : new Batch(rows.clone(), images, lm[0], lm[1], s);
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
