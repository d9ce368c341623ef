package org.pleura.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.pleura.image.GrayImage;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.WeightsFile;

/** Small randomly initialised packages and real NIH images for tests. */
public final class TestPackages {

    public static final List<String> OUTPUTS = List.of("pneumothorax", "effusion", "nodule", "abnormal");

    private TestPackages() {
    }

    /** A descriptor for a tiny ResNet-18 of the given width at the given input size. */
    public static ModelDescriptor descriptor(int inputSize, int width) {
        return descriptor(inputSize, ResNetSpec.resnet18(width));
    }

    /** A descriptor for a network of the given shape at the given input size. */
    public static ModelDescriptor descriptor(int inputSize, ResNetSpec spec) {
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        for (String id : OUTPUTS) {
            t.put(id, FindingThresholds.uncalibrated(0.6, 0.4));
        }
        return new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "test-model", "0.0.1", "chest",
                Architecture.of(spec), Preprocessing.of(inputSize), OUTPUTS, t,
                Map.of("note", "random weights for tests"), null);
    }

    /** Writes a randomly initialised (seeded) package and returns the network's model, still open. */
    public static Model writeRandom(Path dir, int inputSize, int width, WeightsFile.Storage storage) throws IOException {
        return writeRandom(dir, inputSize, ResNetSpec.resnet18(width), storage);
    }

    /** Writes a randomly initialised (seeded) package of a network shape and returns its model, still open. */
    public static Model writeRandom(Path dir, int inputSize, ResNetSpec spec, WeightsFile.Storage storage)
            throws IOException {
        Engine.getInstance().setRandomSeed(1234);
        ModelDescriptor d = descriptor(inputSize, spec);
        FindingNetwork net = new FindingNetwork(spec, OUTPUTS.size());
        Model model = Model.newInstance("random");
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, inputSize, inputSize));
        ModelPackage.write(dir, d, net, "# Test model\nRandom weights.\n", storage);
        return model;
    }

    /** Writes a randomly initialised (seeded) fracture detector package and returns its model, still open. */
    public static Model writeRandomDetector(Path dir, int inputSize, ResNetSpec spec) throws IOException {
        Engine.getInstance().setRandomSeed(4321);
        org.pleura.model.catalogue.FindingCatalogue fracture = org.pleura.model.catalogue.FindingCatalogue.named("fracture");
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        t.put("fracture", FindingThresholds.uncalibrated(0.6, 0.4));
        t.put("abnormal", FindingThresholds.uncalibrated(0.6, 0.4));
        ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "test-detector", "0.0.1", "fracture",
                Architecture.of(spec), Preprocessing.of(inputSize), List.of("fracture", "abnormal"), t,
                Map.of("note", "random weights for tests"), null, null, ModelDescriptor.DETECTION,
                org.pleura.model.pkg.InputRules.limbsShoulderPelvis());
        org.pleura.model.net.DetectionNetwork net = new org.pleura.model.net.DetectionNetwork(spec, 1);
        Model model = Model.newInstance("random-detector");
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, inputSize, inputSize));
        ModelPackage.write(dir, d, fracture, net, "# Test detector\nRandom weights.\n", WeightsFile.Storage.FLOAT32);
        return model;
    }

    /** The NIH images folder, or null when the shared data is absent. */
    public static Path nihImages() {
        return org.pleura.testsupport.SharedData.findData("nih-cxr/images").orElse(null);
    }

    /** The first {@code n} NIH images (sorted by name) as display images. */
    public static List<GrayImage> nihSamples(int n) throws IOException {
        Path dir = nihImages();
        List<GrayImage> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().limit(n).toList()) {
                BufferedImage img = ImageIO.read(p.toFile());
                out.add(GrayImage.of(img));
            }
        }
        return out;
    }
}
