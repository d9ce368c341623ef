package org.pleura.batch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.pleura.batch.BatchException;
import org.pleura.batch.analysis.AnalyzerSpec;
import org.pleura.batch.job.BatchJob;
import org.pleura.batch.job.BatchSettings;
import org.pleura.batch.job.BatchSummary;
import org.pleura.batch.job.SparkSessions;
import org.pleura.results.Language;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pleura batch IN... --out DIR}: the Analyzer of {@code pleura analyze} over folders, globs or manifests, on
 * Spark (in this process by default), into Parquet tables that a re-run completes without duplicating a row.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Analyse an archive of radiographs (DICOM, PNG, JPEG) on Apache Spark, with the same models, "
                + "checks and results as 'pleura analyze':",
                "Parquet tables OUT/findings (one row per image, model and finding, partitioned by model) and "
                        + "OUT/outcomes (analysed, refused or failed, with the reason).",
                "Re-running on the same output skips the images it already has (by SOP Instance UID, or the content "
                        + "hash for PNG/JPEG); a killed run resumes.",
                "An aid to the reader, not a diagnosis: every result must be checked by a qualified reader.",
                "Exit status: 0 all analysed, 1 some refused or failed, 2 usage error or another run holds the output."})
public final class BatchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IN",
            description = "Folders, files, globs ('archive/2019/*/') or manifest CSVs (a 'path' column, relative to "
                    + "the CSV; optional patient_id, study_date), on any file system Spark reads.")
    List<String> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder (created; re-use it to resume).")
    Path out;

    @Option(names = "--model", paramLabel = "PKG",
            description = "Model package; repeat for several. Default: every package under models/.")
    List<Path> model = new ArrayList<>();

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] (in this process), spark://HOST:7077... Default: local[*], or "
                    + "spark-submit's --master.")
    String master;

    @Option(names = "--artefacts", description = "Also write each image's JSON, overlay PNG, and for DICOM the SC and SR "
            + "under OUT/artefacts/MODEL/.")
    boolean artefacts;

    @Option(names = "--lang", paramLabel = "en|fr", defaultValue = "en", description = "Language of the artefacts (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--chunk", defaultValue = "5000", paramLabel = "N",
            description = "Files per committed chunk: a killed run loses at most one chunk (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--engine-threads", defaultValue = "1", paramLabel = "N",
            description = "ONNX Runtime threads per image (default: ${DEFAULT-VALUE}; Spark already runs one image per core).")
    int engineThreads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            Language.parse(lang);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang: " + e.getMessage());
        }
        if (chunk < 1 || engineThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--chunk and --engine-threads must be at least 1");
        }
        List<Path> packages = model.isEmpty() ? ModelPackages.locateAll() : model;
        for (Path p : packages) {
            if (!Files.exists(p)) {
                throw new BatchException(p + ": no such model package");
            }
        }
        AnalyzerSpec analyzer = new AnalyzerSpec(packages.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .toList(), lang, artefacts, engineThreads);
        BatchSettings settings = new BatchSettings(inputs, out, analyzer, artefacts, chunk);
        SparkSession spark = SparkSessions.create(master, "pleura batch");
        BatchSummary s;
        try {
            stdout.printf("Pleura batch on Spark %s (%s, %d cores), models %s: %s%n", spark.version(),
                    spark.sparkContext().master(), spark.sparkContext().defaultParallelism(), packages,
                    Language.parse(lang).disclaimer());
            stdout.flush();
            s = new BatchJob(spark, Clock.systemUTC(), line -> {
                stderr.println(line);
                stderr.flush();
            }).run(settings);
        } finally {
            spark.stop();
        }
        s.missing().forEach(m -> stderr.println("pleura batch: " + m));
        stdout.printf(Locale.ROOT, "%d files: %d analysed, %d refused, %d failed, %d already in %s%s%s; %d finding rows, "
                        + "%.1f images/s%n", s.listed(), s.analysed(), s.refused(), s.failed(), s.alreadyDone(), out,
                s.notImages() == 0 ? "" : ", " + s.notImages() + " not images",
                s.duplicates() == 0 ? "" : ", " + s.duplicates() + (s.duplicates() == 1 ? " duplicate" : " duplicates")
                        + " of another file (same SOP Instance UID, or same bytes)",
                s.findingRows(), s.imagesPerSecond());
        if (s.removed() > 0) {
            stdout.printf("(removed %d unfinished run directories of an interrupted run first)%n", s.removed());
        }
        stdout.flush();
        return s.refused() + s.failed() + s.missing().size() == 0 ? 0 : 1;
    }
}
