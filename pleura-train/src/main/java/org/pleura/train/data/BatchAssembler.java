package org.pleura.train.data;

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

    /**
     * @param cache      cached images
     * @param cacheIndex cache index of each label-matrix row
     * @param labels     targets
     * @param augmenter  applied to each image, or {@code null} for none
     * @param seed       base seed
     */
    public BatchAssembler(ImageCache cache, int[] cacheIndex, LabelMatrix labels, RadiographAugmenter augmenter, long seed) {
        if (cacheIndex.length != labels.rows()) {
            throw new IllegalArgumentException("one cache index per label row needed");
        }
        this.cache = cache;
        this.cacheIndex = cacheIndex.clone();
        this.labels = labels;
        this.augmenter = augmenter;
        this.seed = seed;
    }

    /** The batch of these rows for an epoch. */
    public Batch assemble(int[] rows, int epoch) {
        int s = cache.size();
        int n = s * s;
        float[] images = new float[rows.length * n];
        for (int i = 0; i < rows.length; i++) {
            float[] px = cache.pixels(cacheIndex[rows[i]]);
            if (augmenter != null) {
                Random r = new Random(seed * 1_000_003L + epoch * 7_919L + rows[i]);
                px = augmenter.apply(px, s, s, r);
            }
            System.arraycopy(Preprocessor.standardize(px), 0, images, i * n, n);
        }
        float[][] lm = labels.gather(rows);
        return new Batch(rows.clone(), images, lm[0], lm[1], s);
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
