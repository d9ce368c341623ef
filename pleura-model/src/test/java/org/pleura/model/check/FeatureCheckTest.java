package org.pleura.model.check;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.image.GrayImage;
import org.pleura.model.Detector;
import org.pleura.model.TestPackages;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.WeightsFile;

class FeatureCheckTest {

    @TempDir
    Path tmp;

    @Test
    void statisticsOfRandomGaussianFeaturesGiveDistancesNearOne() {
        Random r = new Random(11);
        List<float[]> train = new ArrayList<>();
        List<float[]> held = new ArrayList<>();
        for (int n = 0; n < 600; n++) {
            float[] f = new float[16];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (r.nextGaussian() * (i + 1) + 3);
            }
            (n < 400 ? train : held).add(f);
        }
        FeatureStatistics s = FeatureStatistics.fit(train, 8, "x").calibrated(held, 0.99, 1.2);
        assertEquals(1.0, s.calibration().median(), 0.15, "in-distribution images are near 1");
        float[] far = new float[16];
        java.util.Arrays.fill(far, 100f);
        assertTrue(s.distance(far) > 3 * s.threshold());
        FeatureCheck check = new FeatureCheck(s);
        assertTrue(check.check(far).refused());
        assertFalse(check.check(held.get(0)).refused());
    }

    @Test
    void statisticsRoundTripThroughThePackageAndBelongToTheirWeights() throws Exception {
        TestPackages.writeRandom(tmp, 64, 8, WeightsFile.Storage.FLOAT16).close();
        ModelPackage pkg = ModelPackage.load(tmp);
        assertTrue(FeatureStatistics.of(pkg).isEmpty(), "optional file: absent is fine");
        Random r = new Random(2);
        List<float[]> f = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            float[] v = new float[64];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            f.add(v);
        }
        FeatureStatistics s = FeatureStatistics.fit(f, 6, pkg.descriptor().weights().sha256()).calibrated(f, 1.0, 1.0);
        s.write(tmp);
        FeatureStatistics back = FeatureStatistics.of(ModelPackage.load(tmp)).orElseThrow();
        assertEquals(s.threshold(), back.threshold(), 1e-12);
        assertEquals(s.distance(f.get(3)), back.distance(f.get(3)), 1e-9);

        FeatureStatistics other = FeatureStatistics.fit(f, 6, "0".repeat(64)).calibrated(f, 1.0, 1.0);
        other.write(tmp);
        InvalidModelPackageException e = assertThrows(InvalidModelPackageException.class,
                () -> FeatureStatistics.of(ModelPackage.load(tmp)));
        assertTrue(e.getMessage().contains("other weights"), e.getMessage());
    }

    @Test
    void pooledFeaturesAreTheSameOnBothEnginesAndSeparateChestsFromNoise() throws Exception {
        assumeTrue(TestPackages.nihImages() != null, "NIH data absent (set -Dpleura.shared): skipping");
        TestPackages.writeRandom(tmp, 96, 8, WeightsFile.Storage.FLOAT32).close();
        ModelPackage pkg = ModelPackage.load(tmp);
        List<GrayImage> chests = TestPackages.nihSamples(60);
        try (Detector djl = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.DJL_PYTORCH);
             Detector ort = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.ONNX_RUNTIME)) {
            float[] a = djl.features(chests.get(0));
            float[] b = ort.features(chests.get(0));
            assertEquals(64, a.length, "width 8 ResNet-18: 64 features");
            assertArrayEquals(a, b, 1e-3f);

            FeatureStatistics s = org.pleura.model.InputStatistics.compute(ort, chests.subList(0, 40), chests.subList(40, 60), 8, 1.0, 1.2);
            FeatureCheck check = new FeatureCheck(s);
            Random r = new Random(9);
            float[] px = new float[512 * 512];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat();
            }
            float[] noise = ort.features(new GrayImage(512, 512, px));
            assertTrue(check.check(noise).refused(), "noise distance " + check.distance(noise) + " vs limit " + s.threshold());
            InputVerdict chestVerdict = check.check(noise);
            assertTrue(chestVerdict instanceof InputVerdict.Refused c && c.reason().contains("frontal chest radiographs"),
                    chestVerdict.toString());
            InputVerdict limbVerdict = new FeatureCheck(s, "radiographs of the limbs, shoulder and pelvis").check(noise);
            assertTrue(limbVerdict instanceof InputVerdict.Refused l
                    && l.reason().contains("radiographs of the limbs, shoulder and pelvis")
                    && !l.reason().contains("chest"), "the reason names what the model reads: " + limbVerdict);
            Optional<FeatureStatistics> none = FeatureStatistics.of(pkg);
            assertTrue(none.isEmpty());
            assertTrue(Files.exists(tmp.resolve("model.json")));
        }
    }
}
