package org.pleura.train.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.Froc;
import org.pleura.train.eval.LocalisationStats;
import org.pleura.train.eval.OperatingPointResult;
import org.pleura.train.eval.SubgroupEvaluation;

/**
 * The "Test metrics" section of a model card, written from one evaluation on held-out data ({@code pleura evaluate
 * --card}): what was evaluated and with which command, the AUROC per output with its interval, the AUROC within each
 * subgroup and the worst one, the shortcut audit's warnings, the calls a normal study gets, and localisation (map
 * peaks and boxes, or a detector's FROC). It replaces the section of that name in the package's {@code MODEL_CARD.md}.
 */
public final class ModelCardTestSection {

    /** The section's heading. */
    public static final String HEADING = "## Test metrics";

    private ModelCardTestSection() {
    }

    /** Replaces the test section of the card in a package folder with this evaluation's. */
    public static void update(Path packageDir, EvaluationResult r, String command) throws IOException {
        Path card = packageDir.resolve("MODEL_CARD.md");
        String text = Files.readString(card, StandardCharsets.UTF_8);
        Files.writeString(card, replace(text, render(r, command)), StandardCharsets.UTF_8);
    }

    /** The card with its test section replaced (appended when the card has none). */
    static String replace(String card, String section) {
        int start = card.indexOf(HEADING);
        if (start < 0) {
            return card.stripTrailing() + "\n\n" + section;
        }
        int next = card.indexOf("\n## ", start + HEADING.length());
        return card.substring(0, start) + section + (next < 0 ? "" : card.substring(next + 1));
    }

    /** The section, ending with a blank line. */
    public static String render(EvaluationResult r, String command) {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n");
        md.append(String.format(Locale.ROOT, "Evaluated once, after training and selection, on %d images (%s) of `%s`, with "
                + "`%s`. AUROC 95 %% CI: %s. Sensitivity and specificity are at the thresholds chosen on validation; "
                + "\"doubtful\" means doubtful or positive.%n%n", r.data().evaluatedImages(), r.data().subset(),
                r.data().manifest(), command, r.bootstrap().describe()));
        md.append("| output | positives / negatives | AUROC (95 % CI) | doubtful: sens / spec | positive: sens / spec |\n"
                + "|---|---|---|---|---|\n");
        List<FindingEvaluation> all = new ArrayList<>(r.findings());
        all.add(r.abnormal());
        for (FindingEvaluation f : all) {
            String auroc = f.auroc().isPresent() ? String.format(Locale.ROOT, "%.3f", f.auroc().getAsDouble())
                    + f.aurocCi95().map(c -> String.format(Locale.ROOT, " (%.3f-%.3f)", c.lower(), c.upper())).orElse("")
                    : "n/a";
            String d = r.notValidated().contains(f.id()) ? "not validated for calls" : op(f, "doubtful");
            String p = r.notValidated().contains(f.id()) ? "" : op(f, "positive");
            md.append(String.format(Locale.ROOT, "| %s | %d / %d | %s | %s | %s |%n", f.id(), f.counts().positives(),
                    f.counts().negatives(), auroc, d, p));
        }
        r.burden().ifPresent(b -> md.append(String.format(Locale.ROOT, "%n**Calls on normal studies** (%d test images with "
                + "`no_finding = 1`): %.1f %% got a positive call, %.1f %% got a call of any kind; %.2f positive calls and "
                + "%.2f calls of any kind per normal study.%n", b.normalStudies(),
                100 * b.withPositiveCall().estimate().orElse(Double.NaN), 100 * b.withAnyCall().estimate().orElse(Double.NaN),
                b.positiveCallsPerStudy(), b.callsPerStudy())));
        for (SubgroupEvaluation s : r.subgroups()) {
            md.append(String.format(Locale.ROOT, "%n**Within `%s`** (AUROC with its 95 %% CI; groups with at least %d positives "
                    + "and negatives count for the worst):%n%n", s.grouping().column(), SubgroupEvaluation.MIN_PER_CLASS));
            md.append("| output | pooled |");
            s.groups().forEach(g -> md.append(' ').append(g.value()).append(" (n=").append(g.images()).append(") |"));
            md.append(" worst |\n|---|---|");
            s.groups().forEach(g -> md.append("---|"));
            md.append("---|\n");
            for (FindingEvaluation f : all) {
                md.append("| ").append(f.id()).append(" | ").append(f.auroc().isPresent()
                        ? String.format(Locale.ROOT, "%.3f", f.auroc().getAsDouble()) : "n/a").append(" |");
                for (SubgroupEvaluation.Group g : s.groups()) {
                    SubgroupEvaluation.Figures fig = g.outputs().get(f.id());
                    md.append(' ').append(fig == null || fig.auroc().isEmpty() ? "\u2014"
                            : String.format(Locale.ROOT, "%.3f%s%s", fig.auroc().getAsDouble(),
                                    fig.aurocCi95().map(c -> String.format(Locale.ROOT, " (%.2f-%.2f)", c.lower(),
                                            c.upper())).orElse(""), fig.enough() ? "" : "\u2020"))
                            .append(" |");
                }
                SubgroupEvaluation.Worst w = s.worst().get(f.id());
                md.append(' ').append(w == null ? "\u2014" : String.format(Locale.ROOT, "%s %.3f", w.group(), w.auroc()))
                        .append(" |\n");
            }
            md.append("\n\u2020 fewer than ").append(SubgroupEvaluation.MIN_PER_CLASS).append(" positives or negatives.\n");
        }
        r.audit().ifPresent(a -> {
            md.append("\n**Shortcut audit** (metadata alone, out of fold, against the model):\n\n");
            md.append("| output | model |");
            a.columns().forEach(c -> md.append(' ').append(c).append(" alone |"));
            md.append(" all columns |\n|---|---|");
            a.columns().forEach(c -> md.append("---|"));
            md.append("---|\n");
            a.outputs().forEach((id, o) -> {
                md.append("| ").append(id).append(" | ").append(num(o.modelAuroc())).append(" |");
                a.columns().forEach(c -> md.append(' ').append(num(o.byColumn().getOrDefault(c,
                        java.util.OptionalDouble.empty()))).append(" |"));
                md.append(' ').append(num(o.allColumns())).append(" |\n");
            });
            md.append(a.warnings().isEmpty() ? "\nNo warning.\n" : "\nWarnings (" + a.warnings().size() + "):\n\n");
            a.warnings().forEach(w -> md.append("- ").append(w).append('\n'));
        });
        r.localisation().ifPresent(loc -> {
            md.append("\n**Localisation** on test images with radiologists' boxes (peak: the hottest point of the finding's "
                    + "map inside a true box; IoU: best overlap of a drawn box with each true box):\n\n"
                    + "| finding | images | peak inside a box | drawn boxes | mean best IoU | IoU >= 0.25 |\n"
                    + "|---|---:|---|---:|---:|---|\n");
            List<LocalisationStats> rows = new ArrayList<>(loc.perFinding());
            rows.add(loc.overall());
            for (LocalisationStats s : rows) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %d of %d | %d | %s | %s |%n", s.finding(),
                        s.peakHits().trials(), s.peakHits().successes(), s.peakHits().trials(), s.predictedBoxes(),
                        num(s.meanBestIou()), pct(s.iouAtLeast25().estimate())));
            }
        });
        if (!r.froc().isEmpty()) {
            md.append("\n**Boxes (FROC)**: a box hits a true box when its centre is inside it or their IoU is at least "
                    + Froc.MIN_IOU + ".\n\n| finding | images | true boxes | sens. at 0.5 / 1 / 2 FP per image | doubtful: "
                    + "sens. / FP per image | positive: sens. / FP per image |\n|---|---:|---:|---|---|---|\n");
            for (Froc.Curve c : r.froc()) {
                List<String> at = c.sensitivityAt().values().stream()
                        .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList();
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s |%n", c.finding(), c.images(),
                        c.trueBoxes(), String.join(" / ", at), froc(c, "doubtful"), froc(c, "positive")));
            }
        }
        md.append('\n');
        return md.toString();
    }

    private static String froc(Froc.Curve c, String name) {
        Froc.Point p = c.operatingPoints().get(name);
        return p == null ? "\u2014" : String.format(Locale.ROOT, "%.2f / %.2f", p.sensitivity(), p.falsePositivesPerImage());
    }

    private static String op(FindingEvaluation f, String name) {
        for (OperatingPointResult o : f.operatingPoints()) {
            if (o.name().equals(name)) {
                return String.format(Locale.ROOT, "%s / %s", pct(o.counts().sensitivity().estimate()),
                        pct(o.counts().specificity().estimate()));
            }
        }
        return "\u2014";
    }

    private static String num(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "n/a";
    }

    private static String pct(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f", v.getAsDouble()) : "n/a";
    }
}
