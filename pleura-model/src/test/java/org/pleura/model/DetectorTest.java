package org.pleura.model;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.Region;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.image.GrayImage;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.WeightsFile;

class DetectorTest {

    @TempDir
    Path tmp;

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        assumeTrue(TestPackages.nihImages() != null, "NIH data absent (set -Dpleura.shared): skipping");
        List<GrayImage> images = TestPackages.nihSamples(6);
        TestPackages.writeRandom(tmp, 64, 8, WeightsFile.Storage.FLOAT16).close();
        try (Detector detector = Detector.of(ModelPackage.load(tmp), 3, BoxExtractor.defaults())) {
            List<DetectionResult> sequential = new ArrayList<>();
            for (GrayImage g : images) {
                sequential.add(detector.detect(g));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<DetectionResult>> futures = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (GrayImage g : images) {
                        futures.add(pool.submit(() -> detector.detect(g)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    DetectionResult expected = sequential.get(i % images.size());
                    DetectionResult actual = futures.get(i).get();
                    for (int k = 0; k < expected.findings().size(); k++) {
                        assertEquals(expected.findings().get(k).score(), actual.findings().get(k).score(), 1e-5);
                    }
                    assertEquals(expected.abnormal().score(), actual.abnormal().score(), 1e-5);
                }
            } finally {
                pool.shutdownNow();
            }
            // different images give different scores (the model is not constant)
            assertNotEquals(sequential.get(0).abnormal().score(), sequential.get(1).abnormal().score());
            DetectionResult r = sequential.get(0);
            assertEquals(List.of("pneumothorax", "effusion", "nodule"),
                    r.findings().stream().map(f -> f.finding().id()).toList());
            for (FindingResult f : r.findings()) {
                assertTrue(f.score() > 0 && f.score() < 1);
                for (Region reg : f.regions()) {
                    assertTrue(reg.x() >= 0 && reg.y() >= 0 && reg.x() + reg.w() <= 512.001 && reg.y() + reg.h() <= 512.001, reg.toString());
                }
            }
            Analysis a = detector.analyze("x.jpg", images.get(0));
            assertEquals("test-model", a.model().id());
        }
    }
}
