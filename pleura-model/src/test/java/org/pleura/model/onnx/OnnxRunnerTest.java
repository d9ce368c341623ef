package org.pleura.model.onnx;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.image.GrayImage;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.Detector;
import org.pleura.model.TestPackages;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.WeightsFile;

class OnnxRunnerTest {

    @TempDir
    Path tmp;

    @Test
    void onnxRuntimeGivesTheSameScoresAndMapsAsDjl() throws Exception {
        sameOnBothEngines(ResNetSpec.resnet18(8), 3);
    }

    @Test
    void aDilatedLastStageGivesMapsTwiceAsFineOnBothEngines() throws Exception {
        sameOnBothEngines(ResNetSpec.resnet18(8).dilated(), 6);
    }

    private void sameOnBothEngines(ResNetSpec spec, int mapSide) throws Exception {
        assumeTrue(TestPackages.nihImages() != null, "NIH data absent (set -Dpleura.shared): skipping");
        List<GrayImage> images = TestPackages.nihSamples(3);
        TestPackages.writeRandom(tmp, 96, spec, WeightsFile.Storage.FLOAT16).close();
        ModelPackage pkg = ModelPackage.load(tmp);
        try (Detector djl = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.DJL_PYTORCH);
             Detector ort = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.ONNX_RUNTIME)) {
            assertEquals("onnxruntime", ort.engine());
            for (GrayImage g : images) {
                DetectionResult a = djl.detect(g);
                DetectionResult b = ort.detect(g);
                for (int i = 0; i < a.findings().size(); i++) {
                    assertEquals(a.findings().get(i).score(), b.findings().get(i).score(), 1e-4);
                    assertEquals(a.findings().get(i).call(), b.findings().get(i).call());
                }
                assertEquals(a.abnormal().score(), b.abnormal().score(), 1e-4);
                float[] ma = a.heatMaps().get("nodule").values();
                float[] mb = b.heatMaps().get("nodule").values();
                assertEquals(mapSide * mapSide, ma.length, "96 px input at stride " + spec.stride());
                float scale = 1e-3f * Math.max(1f, Math.abs(a.heatMaps().get("nodule").max()));
                assertArrayEquals(ma, mb, scale);
            }
        }
    }

    @Test
    void aDetectorGivesTheSameBoxesOnBothEnginesAndCarriesItsCatalogueAndRules() throws Exception {
        assumeTrue(TestPackages.nihImages() != null, "NIH data absent (set -Dpleura.shared): skipping");
        List<GrayImage> images = TestPackages.nihSamples(2);
        TestPackages.writeRandomDetector(tmp, 96, ResNetSpec.resnet18(8).dilated()).close();
        ModelPackage pkg = ModelPackage.load(tmp);
        assertEquals("fracture", pkg.catalogue().id(), "the catalogue travels with the package");
        assertTrue(java.nio.file.Files.exists(tmp.resolve(ModelPackage.CATALOGUE)));
        assertEquals("radiographs of the limbs, shoulder and pelvis", pkg.descriptor().inputOrDefault().reads());
        try (Detector djl = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.DJL_PYTORCH);
             Detector ort = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.ONNX_RUNTIME)) {
            for (GrayImage g : images) {
                DetectionResult a = djl.detect(g);
                DetectionResult b = ort.detect(g);
                assertEquals(a.findings().get(0).score(), b.findings().get(0).score(), 1e-4);
                assertEquals(a.abnormal().score(), b.abnormal().score(), 1e-4);
                var ca = a.candidates().get("fracture");
                var cb = b.candidates().get("fracture");
                assertEquals(ca.size(), cb.size());
                for (int i = 0; i < ca.size(); i++) {
                    assertEquals(ca.get(i).x(), cb.get(i).x(), 0.05);
                    assertEquals(ca.get(i).w(), cb.get(i).w(), 0.05);
                }
                assertEquals(6, a.heatMaps().get("fracture").width(), "96 px input at stride 16");
            }
        }
    }
}
