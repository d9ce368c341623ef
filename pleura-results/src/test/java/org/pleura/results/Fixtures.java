package org.pleura.results;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.ModelInfo;
import org.pleura.model.result.Region;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.WeightsFile;

/** Shared data, external tools, synthetic analyses and small random model packages for the results tests. */
public final class Fixtures {

    public static final ModelInfo MODEL = new ModelInfo("test-chest", "0.0.1");

    private Fixtures() {
    }

    /** The shared folder, or skips the test. */
    public static Path shared() {
        return org.pleura.testsupport.SharedData.root();
    }

    /** A file of the DICOM corpus, or skips. */
    public static Path dicom(String relative) {
        Path p = shared().resolve("data/dicom").resolve(relative);
        assumeTrue(Files.isRegularFile(p), p + " absent: skipping");
        return p;
    }

    /** The NIH images folder, or skips. */
    public static Path nihImages() {
        Path p = shared().resolve("data/nih-cxr/images");
        assumeTrue(Files.isDirectory(p), "NIH images absent: skipping");
        return p;
    }

    /** Skips unless an external tool is on the PATH. */
    public static void requireTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                found = true;
                break;
            }
        }
        assumeTrue(found, tool + " is not installed (Debian: dcmtk / dicom3tools): skipping");
    }

    /** Output (stdout and stderr together) and exit status of a command. */
    public record Run(int status, String output) {
    }

    /** Runs a command (at most two minutes). */
    public static Run run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The lines of dciodvfy's report that are errors. */
    public static List<String> dciodvfyErrors(Path file) throws IOException, InterruptedException {
        requireTool("dciodvfy");
        Run r = run("dciodvfy", file.toString());
        return r.output().lines().filter(l -> l.startsWith("Error")).toList();
    }

    /**
     * An analysis of a {@code w x h} image: effusion positive with one region, nodule doubtful with two regions,
     * cardiomegaly positive without a region, every other catalogue finding negative.
     */
    public static Analysis analysis(String imageId, int w, int h) {
        FindingCatalogue c = FindingCatalogue.chest();
        List<FindingResult> results = new ArrayList<>();
        for (Finding f : c.findings()) {
            switch (f.id()) {
                case "effusion" -> results.add(new FindingResult(f, 0.87, Call.POSITIVE,
                        List.of(new Region(0.55 * w, 0.5 * h, 0.3 * w, 0.3 * h, 0.87))));
                case "nodule" -> results.add(new FindingResult(f, 0.41, Call.DOUBTFUL, List.of(
                        new Region(0.15 * w, 0.3 * h, 0.2 * w, 0.2 * h, 0.41),
                        new Region(0.2 * w, 0.65 * h, 0.15 * w, 0.15 * h, 0.23))));
                case "cardiomegaly" -> results.add(new FindingResult(f, 0.66, Call.POSITIVE, List.of()));
                default -> results.add(new FindingResult(f, 0.04, Call.NEGATIVE, List.of()));
            }
        }
        return new Analysis(imageId, MODEL, new FindingResult(c.studyLevel(), 0.91, Call.POSITIVE, List.of()),
                results, List.of());
    }

    /**
     * Writes a model package with random (seeded) weights reading every catalogue finding, at a small input size,
     * with the same thresholds for every output.
     */
    public static Path randomPackage(Path dir, double positive, double doubtful) throws IOException {
        Engine.getInstance().setRandomSeed(1234);
        FindingCatalogue c = FindingCatalogue.chest();
        List<String> outputs = new ArrayList<>(c.ids());
        outputs.add(c.studyLevel().id());
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        for (String id : outputs) {
            t.put(id, FindingThresholds.uncalibrated(positive, doubtful));
        }
        int size = 128;
        ResNetSpec spec = ResNetSpec.resnet18(8);
        ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, MODEL.id(), MODEL.version(), c.id(),
                Architecture.of(spec), Preprocessing.of(size), outputs, t, Map.of("note", "random weights for tests"),
                null);
        FindingNetwork net = new FindingNetwork(spec, outputs.size());
        try (Model model = Model.newInstance("random")) {
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, size, size));
            ModelPackage.write(dir, d, net, "# Test model\nRandom weights: not a model.\n", WeightsFile.Storage.FLOAT16);
        }
        return dir;
    }

    /**
     * Writes a fracture detector package with random (seeded) weights: catalogue {@code fracture}, input rules for
     * limbs, shoulder and pelvis radiographs, the given thresholds for every output.
     */
    public static Path randomFracturePackage(Path dir, double positive, double doubtful) throws IOException {
        Engine.getInstance().setRandomSeed(4321);
        FindingCatalogue c = FindingCatalogue.named("fracture");
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        t.put("fracture", FindingThresholds.uncalibrated(positive, doubtful));
        t.put(c.studyLevel().id(), FindingThresholds.uncalibrated(positive, doubtful));
        int size = 128;
        ResNetSpec spec = ResNetSpec.resnet18(8).dilated();
        ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "test-fracture", "0.0.1", c.id(),
                Architecture.of(spec), Preprocessing.of(size), List.of("fracture", c.studyLevel().id()), t,
                Map.of("note", "random weights for tests"), null, null, ModelDescriptor.DETECTION,
                org.pleura.model.pkg.InputRules.limbsShoulderPelvis());
        org.pleura.model.net.DetectionNetwork net = new org.pleura.model.net.DetectionNetwork(spec, 1);
        try (Model model = Model.newInstance("random-fracture")) {
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, size, size));
            ModelPackage.write(dir, d, c, net, "# Test fracture model\nRandom weights: not a model.\n",
                    WeightsFile.Storage.FLOAT16);
        }
        return dir;
    }
}
