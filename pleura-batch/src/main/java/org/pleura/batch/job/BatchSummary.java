package org.pleura.batch.job;

import java.util.List;
import org.pleura.batch.store.RunRecord;

/**
 * What one invocation of {@code pleura batch} did.
 *
 * @param listed  files listed
 * @param missing inputs that named nothing
 * @param chunks  the chunks committed by this invocation, in order
 * @param removed unfinished runs of a killed invocation that were removed first
 */
public record BatchSummary(long listed, List<String> missing, List<RunRecord> chunks, int removed) {

    public BatchSummary {
        missing = List.copyOf(missing);
        chunks = List.copyOf(chunks);
    }

    public long analysed() {
        return chunks.stream().mapToLong(RunRecord::analysed).sum();
    }

    public long refused() {
        return chunks.stream().mapToLong(RunRecord::refused).sum();
    }

    public long failed() {
        return chunks.stream().mapToLong(RunRecord::failed).sum();
    }

    public long alreadyDone() {
        return chunks.stream().mapToLong(RunRecord::alreadyDone).sum();
    }

    public long notImages() {
        return chunks.stream().mapToLong(RunRecord::notImages).sum();
    }

    public long duplicates() {
        return chunks.stream().mapToLong(RunRecord::duplicates).sum();
    }

    public long findingRows() {
        return chunks.stream().mapToLong(RunRecord::findingRows).sum();
    }

    /** Seconds spent analysing and writing (without Spark's start-up and the listing). */
    public double seconds() {
        return chunks.stream().mapToDouble(RunRecord::seconds).sum();
    }

    /** Images per second over the chunks. */
    public double imagesPerSecond() {
        double s = seconds();
        return s > 0 ? (analysed() + refused() + failed()) / s : 0;
    }
}
