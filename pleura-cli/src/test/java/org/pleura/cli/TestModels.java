package org.pleura.cli;

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

/** Small model packages with random (seeded) weights for command tests: the flow is real, the scores are not. */
final class TestModels {

    private TestModels() {
    }

    /** A width-8 ResNet-18 at 128 px reading every chest catalogue finding, thresholds 0.6 / 0.4. */
    static Path random(Path dir) throws IOException {
        Engine.getInstance().setRandomSeed(7);
        FindingCatalogue c = FindingCatalogue.chest();
        List<String> outputs = new ArrayList<>(c.ids());
        outputs.add(c.studyLevel().id());
        Map<String, FindingThresholds> t = new LinkedHashMap<>();
        outputs.forEach(id -> t.put(id, FindingThresholds.uncalibrated(0.6, 0.4)));
        ResNetSpec spec = ResNetSpec.resnet18(8);
        ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "cli-test", "0.0.1", c.id(),
                Architecture.of(spec), Preprocessing.of(128), outputs, t, Map.of(), null);
        FindingNetwork net = new FindingNetwork(spec, outputs.size());
        try (Model m = Model.newInstance("random")) {
            m.setBlock(net);
            net.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 128, 128));
            ModelPackage.write(dir, d, net, "# Test\nRandom weights.\n", WeightsFile.Storage.FLOAT16);
        }
        return dir;
    }
}
