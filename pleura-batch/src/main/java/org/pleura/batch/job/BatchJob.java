package org.pleura.batch.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.pleura.batch.BatchException;
import org.pleura.batch.analysis.AnalyzerHolder;
import org.pleura.batch.analysis.AnalyzerSpec;
import org.pleura.batch.analysis.ArtefactWriter;
import org.pleura.batch.analysis.FileVerdict;
import org.pleura.batch.analysis.ImageAnalysis;
import org.pleura.batch.analysis.Pseudonyms;
import org.pleura.batch.input.InputFile;
import org.pleura.batch.input.InputListing;
import org.pleura.batch.rows.ImageResult;
import org.pleura.batch.store.BatchOutput;
import org.pleura.batch.store.BatchTables;
import org.pleura.batch.store.OutputLock;
import org.pleura.batch.store.PseudonymKey;
import org.pleura.batch.store.RunLedger;
import org.pleura.batch.store.RunRecord;
import org.pleura.batch.store.Tables;
import scala.Tuple2;

/**
 * {@code pleura batch} on the driver, read top to bottom in {@link #run}: take the output lock, remove what a killed
 * run left uncommitted, load (or create) the pseudonym key, list the inputs, read the keys of the images earlier
 * runs have, then for each chunk of files: analyse on the executors (skipping known keys), keep one row per key,
 * write the findings (partitioned by model) and the outcomes as Parquet under the chunk's run directory, and commit
 * the chunk in the ledger.
 */
public final class BatchJob {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SparkSession spark;
    private final Clock clock;
    private final Consumer<String> progress;

    /**
     * @param spark    the session (local or cluster)
     * @param clock    stamps rows, run ids and run records
     * @param progress receives a progress line every few seconds and one per committed chunk
     */
    public BatchJob(SparkSession spark, Clock clock, Consumer<String> progress) {
        this.spark = spark;
        this.clock = clock;
        this.progress = progress;
    }

    /** Runs the batch. */
    public BatchSummary run(BatchSettings settings) throws BatchException {
        BatchOutput output = new BatchOutput(settings.output());
        try (OutputLock lock = OutputLock.acquire(output, clock)) {
            RunLedger ledger = new RunLedger(output);
            int removed = ledger.removeUncommitted();
            Pseudonyms pseudonyms = new Pseudonyms(PseudonymKey.loadOrCreate(output));
            InputListing.Listing listing = new InputListing(spark.sparkContext().hadoopConfiguration())
                    .list(settings.inputs());
            List<InputFile> files = outsideOutput(listing.files(), output);
            if (files.isEmpty() && !listing.missing().isEmpty()) {
                throw new BatchException(String.join("; ", listing.missing()));
            }
            Set<String> done = doneKeys(output);
            ImageAnalysis analysis = new ImageAnalysis(settings.analyzer(), pseudonyms,
                    settings.artefacts() ? new ArtefactWriter(output.artefacts().toUri().toString()) : null, clock);
            String runBase = uniqueRunBase(ledger);
            if (files.size() > done.size()) {
                loadModels(settings.analyzer());
            }
            List<RunRecord> chunks = new ArrayList<>();
            int nChunks = (files.size() + settings.chunk() - 1) / settings.chunk();
            for (int c = 0; c < nChunks; c++) {
                List<InputFile> chunk = files.subList(c * settings.chunk(), Math.min(files.size(), (c + 1) * settings.chunk()));
                String run = runBase + String.format("-c%04d", c + 1);
                RunRecord record = runChunk(run, chunk, analysis, done, output, c + 1, nChunks);
                ledger.commit(record);
                chunks.add(record);
                progress.accept(String.format(java.util.Locale.ROOT,
                        "pleura batch: chunk %d/%d committed (%s): %d analysed, %d refused, %d failed, %d already done; "
                                + "%.1f images/s analysed, %.1f with the writes", c + 1, nChunks, run, record.analysed(),
                        record.refused(), record.failed(), record.alreadyDone(), record.analysisImagesPerSecond(),
                        record.imagesPerSecond()));
            }
            return new BatchSummary(files.size(), listing.missing(), chunks, removed);
        }
    }

    /**
     * Loads the models on every executor before the first chunk (one task per core), so that the analysis time of a
     * chunk is the analysis alone. Skipped when every listed file may already be done.
     */
    private void loadModels(AnalyzerSpec spec) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = jsc.defaultParallelism();
        long t0 = clock.millis();
        jsc.parallelize(java.util.stream.IntStream.range(0, n).boxed().toList(), n).foreach(i -> AnalyzerHolder.get(spec));
        progress.accept(String.format(java.util.Locale.ROOT, "pleura batch: models loaded on the executors in %.1f s",
                (clock.millis() - t0) / 1000.0));
    }

    /** The files of the inputs that are not inside the output folder (its overlays are PNG files too). */
    private static List<InputFile> outsideOutput(List<InputFile> files, BatchOutput output) {
        String prefix = output.root().toString() + "/";
        return files.stream().filter(f -> !f.path().startsWith(prefix)).toList();
    }

    /** Keys earlier runs settled: every latest outcome except a failure that a retry may cure. */
    private Set<String> doneKeys(BatchOutput output) throws BatchException {
        if (new RunLedger(output).committed().stream().allMatch(r -> r.analysed() + r.refused() + r.failed() == 0)) {
            return new HashSet<>(); // a new output folder: no Spark job needed
        }
        Dataset<Row> settled = new BatchTables(spark, output).outcomes()
                .filter(not(col("status").equalTo("failed").and(col("retryable"))));
        Set<String> keys = new HashSet<>();
        for (Row r : settled.select("key").collectAsList()) {
            keys.add(r.getString(0));
        }
        return keys;
    }

    /** A run id not used yet in this folder (two invocations within one second get -2, -3...). */
    private String uniqueRunBase(RunLedger ledger) throws BatchException {
        String base = RUN_ID.format(clock.instant());
        Set<String> used = new HashSet<>();
        ledger.committed().forEach(r -> used.add(r.run().substring(0, r.run().lastIndexOf("-c"))));
        String candidate = base;
        for (int i = 2; used.contains(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private RunRecord runChunk(String run, List<InputFile> chunk, ImageAnalysis analysis, Set<String> done,
                               BatchOutput output, int index, int nChunks) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HashSet<String>> known = jsc.broadcast(new HashSet<>(done));
        LongAccumulator seen = spark.sparkContext().longAccumulator("files seen");
        LongAccumulator already = spark.sparkContext().longAccumulator("already done");
        LongAccumulator notImages = spark.sparkContext().longAccumulator("not images");
        LongAccumulator produced = spark.sparkContext().longAccumulator("results");
        LongAccumulator cpuNanos = spark.sparkContext().longAccumulator("analysis CPU ns");
        String started = clock.instant().toString();
        long t0 = clock.millis();
        // small partitions: the progress line moves as each one ends, and a slow image holds back few others
        int slices = Math.max(1, Math.min(chunk.size(), Math.max(jsc.defaultParallelism() * 4, (chunk.size() + 31) / 32)));
        JavaRDD<ImageResult> results = jsc.parallelize(new ArrayList<>(chunk), slices)
                .mapPartitions(files -> analyseAll(analysis, files, known.value(), seen, already, notImages, produced,
                        cpuNanos))
                .mapToPair(r -> new Tuple2<>(r.key(), r))
                .reduceByKey(ImageResult::preferred, Math.max(1, jsc.defaultParallelism()))
                .values()
                .persist(StorageLevel.MEMORY_AND_DISK());
        // the analysis (cached for the writes), collecting what the driver needs of each image: its key, status and
        // number of finding rows
        List<Tuple2<String, Tuple2<String, Integer>>> keys;
        try (Progress p = Progress.start(seen, chunk.size(), index, nChunks, clock, progress)) {
            keys = results.map(r -> new Tuple2<>(r.key(), new Tuple2<>(r.status().column(), r.findings().size()))).collect();
        }
        double analysisSeconds = (clock.millis() - t0) / 1000.0;
        long count = keys.size();
        Map<String, Long> byStatus = new java.util.HashMap<>();
        long findingRows = 0;
        for (Tuple2<String, Tuple2<String, Integer>> k : keys) {
            done.add(k._1());
            byStatus.merge(k._2()._1(), 1L, Long::sum);
            findingRows += k._2()._2();
        }
        if (count > 0) {
            Dataset<Row> outcomes = spark.createDataFrame(results.map(Tables::outcome), Tables.OUTCOMES);
            outcomes.write().mode(SaveMode.ErrorIfExists).parquet(output.outcomes(run).toUri().toString());
        }
        if (findingRows > 0) {
            Dataset<Row> findings = spark.createDataFrame(results.flatMap(r -> Tables.findings(r).iterator()),
                    Tables.FINDINGS);
            findings.write().mode(SaveMode.ErrorIfExists).partitionBy("model_id")
                    .parquet(output.findings(run).toUri().toString());
        }
        results.unpersist(false);
        known.destroy();
        double seconds = (clock.millis() - t0) / 1000.0;
        return new RunRecord(run, chunk.size(), byStatus.getOrDefault("analysed", 0L),
                byStatus.getOrDefault("refused", 0L), byStatus.getOrDefault("failed", 0L), already.value(),
                notImages.value(), produced.value() - count, findingRows, analysisSeconds, cpuNanos.value() / 1e9, seconds, started, clock.instant().toString(),
                spark.sparkContext().master(), jsc.defaultParallelism());
    }

    /** One partition of files on an executor; adds the CPU time of the task's thread to {@code cpuNanos}. */
    private static Iterator<ImageResult> analyseAll(ImageAnalysis analysis, Iterator<InputFile> files, Set<String> known,
                                                    LongAccumulator seen, LongAccumulator already,
                                                    LongAccumulator notImages, LongAccumulator produced,
                                                    LongAccumulator cpuNanos) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        List<ImageResult> out = new ArrayList<>();
        while (files.hasNext()) {
            FileVerdict v = analysis.analyse(files.next(), known);
            seen.add(1);
            if (v instanceof FileVerdict.Done d) {
                produced.add(1);
                out.add(d.result());
            } else if (v instanceof FileVerdict.AlreadyDone) {
                already.add(1);
            } else if (v instanceof FileVerdict.NotAnImage) {
                notImages.add(1);
            }
        }
        cpuNanos.add(threads.getCurrentThreadCpuTime() - cpu0);
        return out.iterator();
    }
}
