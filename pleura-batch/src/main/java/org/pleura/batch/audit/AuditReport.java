package org.pleura.batch.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.pleura.batch.BatchException;
import org.pleura.batch.input.CsvLines;

/**
 * Writes an audit: {@code discordant.csv} (every discordant image and finding, by finding then rank),
 * {@code tally.csv} (per finding), and {@code index.html} with a thumbnail of the first images of each finding
 * ({@code thumbnails/FINDING-RANK.png}) and a link to each overlay when {@code pleura batch --artefacts} wrote one.
 */
public final class AuditReport {

    private static final String DISCLAIMER = "Pleura is an AI aid to the reader, not a diagnosis: every result must "
            + "be checked by a qualified reader of the image. A discordance is a question for a reader, not a missed finding.";

    private AuditReport() {
    }

    /**
     * @param perFinding thumbnails shown per finding on the page (the CSV has every row)
     * @return problems met while drawing thumbnails (an image that can no longer be read), one per image
     */
    public static List<String> write(AuditResult result, Path out, int perFinding, Configuration conf)
            throws BatchException {
        List<String> problems = new ArrayList<>();
        try {
            Files.createDirectories(out.resolve("thumbnails"));
            writeDiscordant(result, out.resolve("discordant.csv"));
            writeTally(result, out.resolve("tally.csv"));
            Thumbnails thumbnails = new Thumbnails(conf);
            Map<String, List<Discordance>> byFinding = new LinkedHashMap<>();
            result.discordances().forEach(d -> byFinding.computeIfAbsent(d.findingId(), k -> new ArrayList<>()).add(d));
            Map<Discordance, String> thumbs = new LinkedHashMap<>();
            for (List<Discordance> list : byFinding.values()) {
                for (Discordance d : list.subList(0, Math.min(perFinding, list.size()))) {
                    String name = "thumbnails/" + d.findingId() + "-" + d.rank() + ".png";
                    try {
                        thumbnails.write(d, out.resolve(name));
                        thumbs.put(d, name);
                    } catch (IOException | RuntimeException e) {
                        problems.add(d.file() + ": no thumbnail (" + e.getMessage() + ")");
                    }
                }
            }
            Files.writeString(out.resolve("index.html"), html(result, byFinding, thumbs, perFinding), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BatchException(out + ": cannot write the audit (" + e.getMessage() + ")", e);
        }
        return problems;
    }

    private static void writeDiscordant(AuditResult result, Path csv) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("finding,rank,score,call,patient_pseudonym,study_date,file,sop_instance_uid,model_id,overlay,regions\n");
            for (Discordance d : result.discordances()) {
                w.write(String.join(",", d.findingId(), Integer.toString(d.rank()),
                        String.format(Locale.ROOT, "%.4f", d.score()), d.call(), CsvLines.quote(d.patientPseudonym()),
                        CsvLines.quote(d.studyDate()), CsvLines.quote(d.file()), CsvLines.quote(d.sopUid()),
                        CsvLines.quote(d.modelId()), CsvLines.quote(d.overlay()), CsvLines.quote(d.regionsJson())));
                w.write('\n');
            }
        }
    }

    private static void writeTally(AuditResult result, Path csv) throws IOException {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("finding,labelled,labelled_negative,flagged_positive,flagged_doubtful\n");
            for (FindingTally t : result.tallies()) {
                w.write(t.findingId() + "," + t.labelled() + "," + t.negative() + "," + t.positive() + "," + t.doubtful() + "\n");
            }
        }
    }

    private static String html(AuditResult result, Map<String, List<Discordance>> byFinding,
                               Map<Discordance, String> thumbs, int perFinding) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pleura audit</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}.cards{display:flex;flex-wrap:wrap;gap:12px}")
                .append(".card{width:260px;font-size:12px;border:1px solid #ccc;padding:4px}.card img{max-width:256px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
                .append(".notice{background:#fff3cd;padding:8px}</style></head><body>\n");
        b.append("<h1>Pleura audit: flagged by the model, negative in the report</h1>\n<p class=\"notice\">")
                .append(esc(DISCLAIMER)).append("</p>\n");
        b.append(String.format(Locale.ROOT, "<p>%d label rows, %d matched an analysed image of the batch.</p>%n",
                result.labelRows(), result.matchedRows()));
        b.append("<table><tr><th>finding</th><th>labelled</th><th>labelled negative</th><th>flagged positive</th>"
                + "<th>flagged doubtful</th></tr>\n");
        for (FindingTally t : result.tallies()) {
            b.append("<tr><td><a href=\"#").append(esc(t.findingId())).append("\">").append(esc(t.findingId()))
                    .append("</a></td><td>").append(t.labelled()).append("</td><td>").append(t.negative())
                    .append("</td><td>").append(t.positive()).append("</td><td>").append(t.doubtful()).append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (Map.Entry<String, List<Discordance>> e : byFinding.entrySet()) {
            List<Discordance> list = e.getValue();
            b.append("<h2 id=\"").append(esc(e.getKey())).append("\">").append(esc(e.getKey())).append(": ")
                    .append(list.size()).append(" discordant</h2>\n");
            if (list.size() > perFinding) {
                b.append("<p>The ").append(perFinding).append(" highest scores; every row is in discordant.csv.</p>\n");
            }
            b.append("<div class=\"cards\">\n");
            for (Discordance d : list.subList(0, Math.min(perFinding, list.size()))) {
                b.append("<div class=\"card\">");
                String thumb = thumbs.get(d);
                if (thumb != null) {
                    b.append("<img src=\"").append(esc(thumb)).append("\" alt=\"").append(esc(e.getKey())).append("\"><br>");
                }
                b.append(String.format(Locale.ROOT, "#%d <b>%s %.3f</b><br>", d.rank(), esc(d.call()), d.score()))
                        .append("patient ").append(esc(d.patientPseudonym() == null ? "-" : d.patientPseudonym()))
                        .append("<br>date ").append(esc(d.studyDate() == null ? "-" : d.studyDate())).append("<br>")
                        .append(esc(d.file()));
                if (d.overlay() != null) {
                    b.append("<br><a href=\"file://").append(esc(d.overlay())).append("\">overlay</a>");
                }
                b.append("</div>\n");
            }
            b.append("</div>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
