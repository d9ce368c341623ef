package org.pleura.bench.analyze;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.pleura.image.RadiographReader;
import org.pleura.model.check.InputVerdict;
import org.pleura.results.pipeline.AnalysisOutcome;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Artefact;

/**
 * Measures the input checks: runs the analysis pipeline (JSON only) on groups of images that must be refused
 * (non-chest DICOM objects of the shared corpus, the same images stripped of their header as PNG, synthetic
 * blank, saturated, noise and smooth non-radiograph pictures) and on real chest radiographs that must pass (the
 * corpus's chest DICOM files, their headerless copies, the NIH test split), and prints per group how many were
 * refused and by which check, as a Markdown table for the README.
 *
 * <pre>
 * java -cp ... org.pleura.bench.analyze.InputCheckSurvey --model models/pleura-chest-v2 --shared ../shared
 * </pre>
 */
public final class InputCheckSurvey {

    /** A group of images with what should happen to them. */
    public record Group(String name, boolean shouldPass, List<Path> files) {
    }

    /**
     * What happened to a group.
     *
     * @param group     the group
     * @param refused   refusals per check kind
     * @param analysed  images analysed (scores shown)
     * @param failed    images that could not be read
     */
    public record Result(Group group, Map<InputVerdict.Kind, Integer> refused, int analysed, int failed,
                         List<String> passedNames) {

        /** Images refused by any check. */
        public int refusedTotal() {
            return refused.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private InputCheckSurvey() {
    }

    /** The groups built from the shared folder; headerless and synthetic pictures are written into {@code work}. */
    public static List<Group> groups(Path shared, Path work) throws IOException {
        Path dicom = shared.resolve("data/dicom");
        Path po = dicom.resolve("real_original/pydicom-data");
        Path fo = dicom.resolve("real_original/fo-dicom");
        Map<String, List<Path>> nonChest = new LinkedHashMap<>();
        nonChest.put("CT (693_*)", files(po, "693_"));
        nonChest.put("MR (MR2_*, emri_small*)", concat(files(po, "MR2_"), files(po, "emri_small")));
        nonChest.put("Ultrasound (US1_J2KI, OBXXXX1A_rle, JPGLosslessP14SV1)",
                concat(files(po, "US1_J2KI"), files(po, "OBXXXX1A_rle"), files(po, "JPGLosslessP14SV1")));
        nonChest.put("Nuclear medicine (JPEG-LL)", files(po, "JPEG-LL"));
        nonChest.put("Mammography (OutOfBoundsOverlay)", files(fo, "OutOfBoundsOverlay"));
        nonChest.put("Segmentation (liver_deflate)", files(po, "liver_deflate"));
        nonChest.put("Colour pictures (SC_rgb_expb, GH195, GH538-jpeg1)",
                concat(files(po, "SC_rgb_expb"), files(fo, "GH195"), files(fo, "GH538-jpeg1")));
        nonChest.put("Extremity radiographs (RG3_*)", files(po, "RG3_"));
        nonChest.put("Dental radiograph (CR-ModalitySequenceLUT)", files(fo, "CR-ModalitySequenceLUT"));

        List<Path> chests = new ArrayList<>();
        chests.addAll(files(dicom.resolve("derived_transcodes"), "CRchest440_"));
        chests.addAll(files(dicom.resolve("derived_transcodes"), "RG1chest_"));
        chests.addAll(files(dicom.resolve("derived_transcodes/nih_dx"), "NIHdx_"));
        chests.addAll(files(po, "RG1_J2KI"));
        chests.addAll(files(fo, "CR-MONO1-10-chest"));
        chests.addAll(files(dicom.resolve("real_original"), "SIIM_"));

        List<Group> groups = new ArrayList<>();
        for (var e : nonChest.entrySet()) {
            groups.add(new Group(e.getKey() + ", DICOM", false, e.getValue()));
        }
        Path stripped = Files.createDirectories(work.resolve("headerless"));
        for (var e : nonChest.entrySet()) {
            groups.add(new Group(e.getKey() + ", headerless PNG", false, headerless(e.getValue(), stripped)));
        }
        groups.add(new Group("Synthetic blank, saturated, noise and smooth non-radiograph pictures", false,
                synthetic(Files.createDirectories(work.resolve("synthetic")))));
        groups.add(new Group("Chest radiographs of the corpus, DICOM (CR/DX, every transfer syntax)", true, chests));
        groups.add(new Group("The same chest radiographs, headerless PNG", true, headerless(chests, stripped)));
        groups.add(new Group("NIH ChestX-ray14 test split (JPEG)", true, nihTest(shared.resolve("data/nih-cxr"))));
        return groups;
    }

    /** Runs every group through an analyzer. */
    public static List<Result> run(Analyzer analyzer, List<Group> groups) {
        List<Result> results = new ArrayList<>();
        for (Group g : groups) {
            Map<InputVerdict.Kind, Integer> refused = new EnumMap<>(InputVerdict.Kind.class);
            int analysed = 0;
            int failed = 0;
            List<String> passed = new ArrayList<>();
            for (Path f : g.files()) {
                AnalysisOutcome o = analyzer.analyze(f);
                if (o instanceof AnalysisOutcome.Refused r) {
                    refused.merge(r.kind(), 1, Integer::sum);
                } else if (o instanceof AnalysisOutcome.Analyzed) {
                    analysed++;
                    passed.add(f.getFileName().toString());
                } else {
                    failed++;
                }
            }
            results.add(new Result(g, refused, analysed, failed, passed));
        }
        return results;
    }

    /** The results as a Markdown table. */
    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| images | should be | refused / total | by header | by picture | by features | not refused |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            int total = r.group().files().size();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d / %d | %d | %d | %d | %s |%n", r.group().name(),
                    r.group().shouldPass() ? "accepted" : "refused", r.refusedTotal(), total,
                    r.refused().getOrDefault(InputVerdict.Kind.HEADER, 0),
                    r.refused().getOrDefault(InputVerdict.Kind.PICTURE, 0),
                    r.refused().getOrDefault(InputVerdict.Kind.FEATURES, 0),
                    r.group().shouldPass() ? (r.failed() > 0 ? r.failed() + " unreadable" : "")
                            : String.join(", ", r.passedNames())));
        }
        return sb.toString();
    }

    private static List<Path> files(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".dcm"))
                    .sorted().toList();
        }
    }

    @SafeVarargs
    private static List<Path> concat(List<Path>... lists) {
        List<Path> out = new ArrayList<>();
        for (List<Path> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /**
     * PNG copies without any header: grayscale images as their display (VOI applied), colour images through
     * dcmtk's dcmj2pnm when installed (keeping their colour), else as their luminance.
     */
    static List<Path> headerless(List<Path> files, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            Path png = dir.resolve(f.getFileName().toString().replaceAll("\\.dcm$", "") + ".png");
            try {
                var r = RadiographReader.read(f);
                if (!(r.metadata().sourceWasColour() && dcmj2pnm(f, png))) {
                    ImageIO.write(r.display().toBufferedImage(), "png", png.toFile());
                }
                out.add(png);
            } catch (IOException e) {
                // unreadable sources are not part of the survey
            }
        }
        return out;
    }

    private static boolean dcmj2pnm(Path dicom, Path png) {
        try {
            Process p = new ProcessBuilder("dcmj2pnm", "+on", "+Fa", dicom.toString(), png.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(png) > 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Synthetic pictures that are no radiographs, 768 x 768 8-bit PNG. */
    static List<Path> synthetic(Path dir) throws IOException {
        Random rnd = new Random(20240601);
        Map<String, DoubleBinaryOperator> kinds = new LinkedHashMap<>();
        kinds.put("blank-gray", (x, y) -> 0.5);
        kinds.put("blank-black", (x, y) -> 0.0);
        kinds.put("blank-white", (x, y) -> 1.0);
        kinds.put("nearly-uniform", (x, y) -> 0.5 + 0.02 * rnd.nextGaussian());
        kinds.put("saturated-white", (x, y) -> x < 0.3 ? x / 0.3 : 1.0);
        kinds.put("saturated-black", (x, y) -> x < 0.3 ? x / 0.3 : 0.0);
        kinds.put("noise-uniform", (x, y) -> rnd.nextDouble());
        kinds.put("noise-gaussian", (x, y) -> 0.5 + 0.2 * rnd.nextGaussian());
        kinds.put("gradient", (x, y) -> 0.1 + 0.8 * (x + y) / 2);
        kinds.put("waves", (x, y) -> 0.5 + 0.4 * Math.sin(x * 25) * Math.cos(y * 17));
        kinds.put("checkerboard", (x, y) -> ((int) (x * 8) + (int) (y * 8)) % 2 == 0 ? 0.25 : 0.75);
        kinds.put("disc", (x, y) -> Math.hypot(x - 0.5, y - 0.5) < 0.3 ? 0.8 : 0.3);
        List<Path> out = new ArrayList<>();
        int s = 768;
        for (var e : kinds.entrySet()) {
            BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    double v = e.getValue().applyAsDouble((double) x / s, (double) y / s);
                    img.getRaster().setSample(x, y, 0, (int) Math.round(Math.max(0, Math.min(1, v)) * 255));
                }
            }
            Path p = dir.resolve(e.getKey() + ".png");
            ImageIO.write(img, "png", p.toFile());
            out.add(p);
        }
        return out;
    }

    private static List<Path> nihTest(Path nih) throws IOException {
        Path manifest = nih.resolve("manifest.csv");
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(manifest);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int path = header.indexOf("path");
        int split = header.indexOf("split");
        List<Path> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            if (c.length > split && c[split].equals("test")) {
                out.add(nih.resolve(c[path]));
            }
        }
        return out;
    }

    /** {@code --model PKG [--shared DIR] [--work DIR]}. */
    public static void main(String[] args) throws Exception {
        Path model = null;
        Path shared = Path.of(System.getProperty("pleura.shared", "../shared"));
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--shared" -> shared = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --model PKG [--shared DIR] [--work DIR]");
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model PKG is required");
        }
        if (work == null) {
            work = Files.createTempDirectory("pleura-input-survey");
        }
        List<Group> groups = groups(shared, work);
        try (Analyzer analyzer = Analyzer.load(model, AnalyzerOptions.defaults()
                .withArtefacts(EnumSet.of(Artefact.JSON)))) {
            System.out.println("model " + analyzer.model().id() + " " + analyzer.model().version()
                    + (analyzer.checksFeatures() ? " (with feature statistics)" : " (no feature statistics)"));
            analyzer.notes().forEach(n -> System.out.println("note: " + n));
            System.out.print(table(run(analyzer, groups)));
        }
    }
}
