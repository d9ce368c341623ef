package org.pleura.server.testing;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.WeightsFile;

/**
 * A tiny model package with seeded random weights (ResNet-18 of width 8 at 64 px): real inference through the real
 * package format and detector, in milliseconds. Its calls mean nothing; the tests check the plumbing.
 */
public final class TestModel {

    /** The findings it reads (catalogue ids) and the study-level output. */
    public static final List<String> OUTPUTS = List.of("pneumothorax", "effusion", "nodule", "abnormal");

    private static Path cached;

    private TestModel() {
    }

    /** The package, written once per test JVM. */
    public static synchronized Path path() {
        if (cached == null) {
            try {
                Path dir = Files.createTempDirectory("pleura-test-model");
                dir.toFile().deleteOnExit();
                cached = write(dir.resolve("tiny"), "pleura-test", "0.0.1");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    /** Writes a package with this id and version. */
    public static Path write(Path dir, String id, String version) throws IOException {
        Engine.getInstance().setRandomSeed(1234);
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        for (String o : OUTPUTS) {
            t.put(o, FindingThresholds.uncalibrated(0.6, 0.4));
        }
        ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, id, version, "chest",
                Architecture.of(ResNetSpec.resnet18(8)), Preprocessing.of(64), OUTPUTS, t,
                Map.of("note", "random weights for tests"), null);
        FindingNetwork net = new FindingNetwork(ResNetSpec.resnet18(8), OUTPUTS.size());
        try (Model model = Model.newInstance("random")) {
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 64, 64));
            ModelPackage.write(dir, d, net, "# Test model\nRandom weights, for tests only.\n", WeightsFile.Storage.FLOAT16);
        }
        return dir;
    }
}
