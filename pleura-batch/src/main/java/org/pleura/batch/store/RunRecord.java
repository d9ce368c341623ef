package org.pleura.batch.store;

/**
 * A committed run (or chunk of a run): what it wrote and how long the analysis took. Stored as
 * {@code OUT/runs/RUN.json}; only runs with a record are read back.
 *
 * @param run         the run id ({@code yyyyMMdd'T'HHmmss'Z'-cNNNN}: sorts in commit order)
 * @param files       files listed in this chunk
 * @param analysed    images analysed
 * @param refused     images refused by every model's input checks
 * @param failed      files that failed
 * @param alreadyDone files skipped because an earlier run has them
 * @param notImages   files found in folders that are not DICOM, PNG or JPEG
 * @param duplicates  files dropped because another file of this chunk is the same image (same key)
 * @param findingRows rows written to the findings table
 * @param analysisSeconds wall-clock seconds of reading and analysing the files (the models already loaded)
 * @param taskCpuSeconds CPU seconds the analysis tasks' threads spent (the ONNX Runtime pass included: one thread
 *                       per image); what the analysis costs whatever else the machine runs
 * @param seconds     wall-clock seconds of the analysis and the writes
 * @param startedAt   ISO-8601 instant (the job's clock)
 * @param finishedAt  ISO-8601 instant (the job's clock)
 * @param master      the Spark master
 * @param cores       the cores Spark had (default parallelism)
 */
public record RunRecord(String run, long files, long analysed, long refused, long failed, long alreadyDone,
                        long notImages, long duplicates, long findingRows, double analysisSeconds, double taskCpuSeconds, double seconds, String startedAt,
                        String finishedAt, String master, int cores) {

    /** Images per second (analysed, refused and failed), writes included. */
    public double imagesPerSecond() {
        return seconds > 0 ? (analysed + refused + failed) / seconds : 0;
    }

    /** Images per second of the analysis alone. */
    public double analysisImagesPerSecond() {
        return analysisSeconds > 0 ? (analysed + refused + failed) / analysisSeconds : 0;
    }
}
