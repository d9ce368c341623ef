package org.pleura.batch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.pleura.batch.audit.AuditJob;
import org.pleura.batch.audit.AuditReport;
import org.pleura.batch.audit.AuditResult;
import org.pleura.batch.audit.FindingTally;
import org.pleura.batch.job.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pleura audit --batch DIR --labels CSV --out DIR}: per finding, the images the model flags that the prior
 * report called negative, ranked by score.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Join the results of 'pleura batch' with prior report labels and list, per finding, the images "
                + "the model calls positive (or doubtful) that the report called negative, ranked by score.",
                "Labels: a CSV with a 'path' column (relative to the CSV) or 'sop_instance_uid', then one column per "
                        + "finding id (1 positive, 0 negative, anything else unknown), as in a training manifest.",
                "Writes OUT/discordant.csv, OUT/tally.csv and OUT/index.html with thumbnails.",
                "A discordance is a question for a qualified reader, not a diagnosis."})
public final class AuditCommand implements Callable<Integer> {

    @Option(names = "--batch", required = true, paramLabel = "DIR", description = "The output folder of pleura batch.")
    Path batch;

    @Option(names = "--labels", required = true, paramLabel = "CSV", description = "The prior report labels.")
    String labels;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the audit.")
    Path out;

    @Option(names = "--calls", split = ",", defaultValue = "positive,doubtful", paramLabel = "CALL[,CALL]",
            description = "The calls that count as flagged (default: ${DEFAULT-VALUE}).")
    List<String> calls;

    @Option(names = "--thumbnails", defaultValue = "24", paramLabel = "N",
            description = "Thumbnails per finding on the page (default: ${DEFAULT-VALUE}).")
    int thumbnails;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
    String master;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Set<String> wanted = new LinkedHashSet<>();
        for (String c : calls) {
            String v = c.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("positive") && !v.equals("doubtful")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--calls: positive or doubtful, not " + c);
            }
            wanted.add(v);
        }
        SparkSession spark = SparkSessions.create(master, "pleura audit");
        AuditResult result;
        List<String> problems;
        try {
            result = new AuditJob(spark).run(batch, labels, wanted);
            problems = AuditReport.write(result, out, thumbnails, spark.sparkContext().hadoopConfiguration());
        } finally {
            spark.stop();
        }
        problems.forEach(p -> stderr.println("pleura audit: " + p));
        stdout.printf("%d label rows, %d matched an analysed image of %s%n", result.labelRows(), result.matchedRows(), batch);
        stdout.println("finding          labelled  negative  flagged positive  flagged doubtful");
        for (FindingTally t : result.tallies()) {
            stdout.printf(Locale.ROOT, "%-16s %8d  %8d  %16d  %16d%n", t.findingId(), t.labelled(), t.negative(),
                    t.positive(), t.doubtful());
        }
        stdout.printf("%d discordant rows in %s (discordant.csv, index.html)%n", result.discordances().size(), out);
        stdout.flush();
        return 0;
    }
}
