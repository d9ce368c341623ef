package org.pleura.bench.serve;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.WeightsFile;

/**
 * A model package with the default training architecture (ResNet-18 of base width 32 at 256 px, every chest
 * finding) and seeded random weights: the compute of a trained default model, for benchmarks run before one
 * exists. Its calls mean nothing.
 */
public final class StandInModel {

    private StandInModel() {
    }

    /** Writes the package to {@code dir}. */
    public static Path write(Path dir, int inputSize, int width) throws IOException {
        Engine.getInstance().setRandomSeed(42);
        FindingCatalogue chest = FindingCatalogue.chest();
        List<String> outputs = new ArrayList<>(chest.ids());
        outputs.add(chest.studyLevel().id());
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        for (String o : outputs) {
            t.put(o, FindingThresholds.uncalibrated(0.6, 0.4));
        }
        ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "stand-in-random", "0.0.0", "chest",
                Architecture.of(ResNetSpec.resnet18(width)), Preprocessing.of(inputSize), outputs, t,
                Map.of("note", "random weights with the default architecture, for benchmarks only"), null);
        FindingNetwork net = new FindingNetwork(ResNetSpec.resnet18(width), outputs.size());
        try (Model model = Model.newInstance("stand-in")) {
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, inputSize, inputSize));
            ModelPackage.write(dir, d, net, "# Stand-in model\nRandom weights for benchmarks. Not for use.\n",
                    WeightsFile.Storage.FLOAT16);
        }
        return dir;
    }
}
