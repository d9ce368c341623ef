package org.pleura.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pleura.image.GrayImage;
import org.pleura.image.RadiographReader;
import org.pleura.model.Detector;
import org.pleura.model.InputStatistics;
import org.pleura.model.check.FeatureCheck;
import org.pleura.model.check.FeatureStatistics;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestReader;
import org.pleura.train.manifest.Split;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pleura input-stats --model PKG --manifest M.csv}: computes the statistics of the model's features on the
 * manifest's train images, sets the refusal threshold on its val images, writes them into the package as
 * {@code feature-stats.json} (the optional file the input check of {@code pleura analyze} uses to refuse images
 * unlike the training images), and reports how many of the test images the check would refuse. Wiring only: the
 * work is {@link InputStatistics#compute}.
 */
@Command(name = "input-stats", mixinStandardHelpOptions = true,
        description = {"Teach a model package what its training images look like, for the input check of 'pleura analyze':",
                "features of the manifest's train images, refusal threshold from its val images, written as",
                "PKG/feature-stats.json; the test images give the rate of chest radiographs the check would refuse."})
public final class InputStatsCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "PKG", description = "Model package folder (default: the bundled model).")
    Path model;

    @Option(names = "--manifest", required = true, paramLabel = "M.csv",
            description = "Manifest of chest radiographs with train and val splits (usually the model's training manifest).")
    Path manifest;

    @Option(names = "--components", defaultValue = "64", description = "Principal axes kept (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--quantile", defaultValue = "0.995",
            description = "Quantile of the val images' distances the threshold starts from (default: ${DEFAULT-VALUE}).")
    double quantile;

    @Option(names = "--margin", defaultValue = "1.25", description = "Factor applied to that quantile (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--max-images", defaultValue = "0", description = "Use at most this many train images (0: all).")
    int maxImages;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path pkgPath = model != null ? model : DefaultModel.locate();
        ModelPackage pkg = ModelPackage.load(pkgPath);
        Manifest m = ManifestReader.forFindings(pkg.catalogue().ids()).read(manifest);
        List<ManifestEntry> train = m.entries(Split.TRAIN);
        if (maxImages > 0 && train.size() > maxImages) {
            train = train.subList(0, maxImages);
        }
        List<ManifestEntry> val = m.entries(Split.VAL);
        List<ManifestEntry> test = m.entries(Split.TEST);
        if (train.isEmpty() || val.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), manifest + " needs train and val images (has "
                    + train.size() + " train, " + val.size() + " val)");
        }
        try (Detector detector = Detector.of(pkg, 1, org.pleura.model.inference.BoxExtractor.defaults(),
                Detector.Backend.ONNX_RUNTIME)) {
            out.printf("features of %d train and %d val images with %s %s...%n", train.size(), val.size(),
                    pkg.descriptor().id(), pkg.descriptor().version());
            out.flush();
            FeatureStatistics stats = FeatureStatistics.fit(features(detector, train), components,
                    pkg.descriptor().weights().sha256()).calibrated(features(detector, val), quantile, margin);
            if (!java.nio.file.Files.isDirectory(pkgPath)) {
                throw new CommandLine.ParameterException(spec.commandLine(), pkgPath
                        + " is not a package folder: unzip it, run input-stats, and zip it again");
            }
            stats.write(pkgPath);
            out.printf(Locale.ROOT, "val distances: median %.2f, max %.2f; threshold %.2f (quantile %.3f x %.2f)%n",
                    stats.calibration().median(), stats.calibration().max(), stats.threshold(), quantile, margin);
            if (!test.isEmpty()) {
                FeatureCheck check = new FeatureCheck(stats);
                int refused = 0;
                for (float[] f : features(detector, test)) {
                    refused += check.check(f).refused() ? 1 : 0;
                }
                out.printf(Locale.ROOT, "test images the check would refuse: %d of %d (%.1f %%)%n", refused, test.size(),
                        100.0 * refused / test.size());
            }
            out.println("wrote " + pkgPath.resolve(FeatureStatistics.FILE_NAME));
        }
        return 0;
    }

    private List<float[]> features(Detector detector, List<ManifestEntry> entries) throws Exception {
        List<float[]> out = new ArrayList<>();
        for (ManifestEntry e : entries) {
            GrayImage g;
            try {
                g = RadiographReader.read(e.resolvedPath()).display();
            } catch (org.pleura.image.ImageReadException x) {
                spec.commandLine().getErr().println("pleura input-stats: skipped " + Messages.of(x));
                continue;
            }
            out.add(detector.features(g));
        }
        return out;
    }

    /** Runs the command alone. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new InputStatsCommand()).execute(args));
    }
}
