package org.pleura.model.pkg;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.image.GrayImage;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.Detector;
import org.pleura.model.result.FindingResult;
import org.pleura.model.TestPackages;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import org.pleura.model.inference.Postprocessor;
import org.pleura.model.inference.Preprocessor;

class ModelPackageTest {

    @TempDir
    Path tmp;

    /** Sigmoid scores and the effusion map straight from the network, without the package. */
    private static float[][] predict(Model model, ModelDescriptor d, GrayImage image) throws Exception {
        float[] input = new Preprocessor(d.preprocessing()).prepare(image);
        int s = d.preprocessing().inputSize();
        try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator(null))) {
            NDList out = p.predict(new NDList(model.getNDManager().create(input, new Shape(1, 1, s, s))));
            float[] logits = out.get(0).toFloatArray();
            float[] scores = new float[logits.length];
            for (int i = 0; i < logits.length; i++) {
                scores[i] = (float) Postprocessor.sigmoid(logits[i]);
            }
            float[] cams = out.get(1).toFloatArray();
            int cells = cams.length / logits.length;
            float[] effusion = java.util.Arrays.copyOfRange(cams, cells, 2 * cells);
            return new float[][] {scores, effusion};
        }
    }

    @Test
    void saveThenLoadGivesTheSameOutputs() throws Exception {
        Path nih = TestPackages.nihImages();
        assumeTrue(nih != null, "NIH data absent (set -Dpleura.shared): skipping the round trip on real images");
        GrayImage image = TestPackages.nihSamples(1).get(0);
        Path exact = tmp.resolve("f32");
        Path half = tmp.resolve("f16");
        float[][] original;
        try (Model model = TestPackages.writeRandom(exact, 64, 8, WeightsFile.Storage.FLOAT32)) {
            original = predict(model, TestPackages.descriptor(64, 8), image);
            ModelPackage.write(half, ModelPackage.load(exact).descriptor(),
                    (org.pleura.model.net.FindingNetwork) model.getBlock(), "# half", WeightsFile.Storage.FLOAT16);
        }
        ModelPackage loaded = ModelPackage.load(exact);
        assertEquals("test-model", loaded.descriptor().id());
        assertEquals(TestPackages.OUTPUTS, loaded.descriptor().outputs());
        assertTrue(loaded.modelCard().startsWith("# Test model"));
        // the same engine as the reference prediction above: this checks the package, not ONNX against PyTorch
        try (Detector d32 = Detector.load(exact, Detector.Backend.DJL_PYTORCH);
             Detector d16 = Detector.load(half, Detector.Backend.DJL_PYTORCH)) {
            DetectionResult r32 = d32.detect(image);
            DetectionResult r16 = d16.detect(image);
            // network outputs are pneumothorax, effusion, nodule, abnormal; results follow the catalogue (same order here)
            for (int i = 0; i < 3; i++) {
                FindingResult a = r32.findings().get(i);
                assertEquals(original[0][i], a.score(), 1e-6, a.finding().id());
                assertEquals(original[0][i], r16.findings().get(i).score(), 2e-3, a.finding().id() + " float16");
            }
            assertEquals(original[0][3], r32.abnormal().score(), 1e-6);
            assertArrayEquals(original[1], r32.heatMaps().get("effusion").values(), 1e-5f);
            assertEquals(2, r32.heatMaps().get("effusion").width(), "64 px input, stride 32");
        }
        assertTrue(Files.size(half.resolve(ModelPackage.WEIGHTS)) < Files.size(exact.resolve(ModelPackage.WEIGHTS)) * 0.6);
    }

    @Test
    void damagedPackagesAreRefusedWithTheProblemNamed() throws Exception {
        Path dir = tmp.resolve("pkg");
        TestPackages.writeRandom(dir, 64, 8, WeightsFile.Storage.FLOAT16).close();
        ModelPackage.load(dir);

        byte[] w = Files.readAllBytes(dir.resolve("weights.bin"));
        w[w.length / 2] ^= 0x55;
        Files.write(dir.resolve("weights.bin"), w);
        InvalidModelPackageException e = assertThrows(InvalidModelPackageException.class, () -> ModelPackage.load(dir));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());

        Path other = tmp.resolve("pkg2");
        TestPackages.writeRandom(other, 64, 8, WeightsFile.Storage.FLOAT16).close();
        String json = Files.readString(other.resolve("model.json"));
        Files.writeString(other.resolve("model.json"), json.replace("\"nodule\"", "\"fracture\""));
        e = assertThrows(InvalidModelPackageException.class, () -> ModelPackage.load(other));
        assertTrue(e.getMessage().contains("fracture") && e.getMessage().contains("not in catalogue"), e.getMessage());

        Files.writeString(other.resolve("model.json"), json.replace("\"resnet\"", "\"vit\""));
        e = assertThrows(InvalidModelPackageException.class, () -> ModelPackage.load(other));
        assertTrue(e.getMessage().contains("vit"), e.getMessage());

        Files.delete(other.resolve("MODEL_CARD.md"));
        e = assertThrows(InvalidModelPackageException.class, () -> ModelPackage.load(other));
        assertTrue(e.getMessage().contains("MODEL_CARD.md") || e.getMessage().contains("vit"), e.getMessage());

        e = assertThrows(InvalidModelPackageException.class, () -> ModelPackage.load(tmp.resolve("nowhere")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void weightsOfAnotherArchitectureAreRefused() throws Exception {
        Path a = tmp.resolve("w8");
        Path b = tmp.resolve("w16");
        TestPackages.writeRandom(a, 64, 8, WeightsFile.Storage.FLOAT16).close();
        TestPackages.writeRandom(b, 64, 16, WeightsFile.Storage.FLOAT16).close();
        Files.copy(b.resolve("weights.bin"), a.resolve("weights.bin"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String json = Files.readString(a.resolve("model.json"));
        String shaB = ModelPackage.load(b).descriptor().weights().sha256();
        Files.writeString(a.resolve("model.json"), json.replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"" + shaB + "\""));
        ModelPackage pkg = ModelPackage.load(a);
        InvalidModelPackageException e = assertThrows(InvalidModelPackageException.class, pkg::newModel);
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
        assertEquals(List.of(), List.of());
    }
}
