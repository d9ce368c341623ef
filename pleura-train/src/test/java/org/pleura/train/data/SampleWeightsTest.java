package org.pleura.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestReader;

class SampleWeightsTest {

    @TempDir
    Path dir;

    @Test
    void eachGroupShowsThePooledPrevalenceOnceReweighted() throws Exception {
        StringBuilder csv = new StringBuilder("path,patient_id,split,source,consolidation,nodule\n");
        // subset A: 40 of 50 consolidation; subset B: 10 of 100; subset C: none of 30 (cannot be balanced)
        int k = 0;
        for (int i = 0; i < 50; i++) {
            csv.append("a").append(k).append(".png,p").append(k++).append(",train,A,").append(i < 40 ? 1 : 0).append(",0\n");
        }
        for (int i = 0; i < 100; i++) {
            csv.append("b").append(k).append(".png,p").append(k++).append(",train,B,").append(i < 10 ? 1 : 0)
                    .append(',').append(i % 2).append('\n');
        }
        for (int i = 0; i < 30; i++) {
            csv.append("c").append(k).append(".png,p").append(k++).append(",train,C,0,\n");
        }
        Files.writeString(dir.resolve("m.csv"), csv);
        Manifest m = ManifestReader.forFindings(List.of("consolidation", "nodule")).read(dir.resolve("m.csv"));
        List<ManifestEntry> train = m.entries();
        LabelMatrix labels = LabelMatrix.of(train, List.of("consolidation", "nodule", "abnormal"), "abnormal");
        LabelMatrix w = SampleWeights.balancedWithin(train, labels, "source", 10);
        double pooled = 50.0 / 180;
        for (String source : List.of("A", "B")) {
            double pos = 0;
            double all = 0;
            for (int r = 0; r < train.size(); r++) {
                if (train.get(r).metadata().get("source").equals(source)) {
                    double weight = w.mask()[r * 3];
                    all += weight;
                    pos += labels.labels()[r * 3] * weight;
                }
            }
            assertEquals(pooled, pos / all, 1e-6, "weighted consolidation prevalence in " + source);
        }
        double total = 0;
        int known = 0;
        java.util.Set<Float> cWeights = new java.util.HashSet<>();
        for (int r = 0; r < train.size(); r++) {
            total += w.mask()[r * 3];
            known++;
            if (train.get(r).metadata().get("source").equals("C")) {
                cWeights.add(w.mask()[r * 3]);
                assertEquals(0f, w.mask()[r * 3 + 1], "an unknown label stays masked");
            }
        }
        assertEquals(1, cWeights.size(), "a group with one class keeps one (scaled) weight: " + cWeights);
        assertTrue(cWeights.iterator().next() > 0);
        assertEquals(known, total, 1e-3, "the weights of an output sum to its known labels");
        assertArrayEquals(labels.labels(), w.labels(), "targets are unchanged");
    }
}
