package org.pleura.bench.evaluate;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.results.Fixtures;

class EvaluateBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void aLargerManifestRepeatsTheImagesUnderOtherPathsAndPatients() throws Exception {
        Path nih = Fixtures.shared().resolve("data/nih-cxr");
        assumeTrue(Files.isRegularFile(nih.resolve("manifest.csv")), "skipped: NIH data absent");
        int n = Files.readAllLines(nih.resolve("manifest.csv")).size() - 1;
        Path m = EvaluateBenchmark.manifest(nih, tmp, n + 5);
        List<String> lines = Files.readAllLines(m);
        assertEquals(n + 6, lines.size());
        Set<String> paths = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String path = line.split(",")[0];
            assertTrue(paths.add(path), "unique path " + path);
            assertTrue(Files.isRegularFile(tmp.resolve(path)), path + " resolves to an image");
        }
        assertTrue(lines.get(n + 1).startsWith("images-1/"), "the second copy lives under another folder");
        assertTrue(EvaluateBenchmark.peakRssMib() > 10, "the peak resident set is read from /proc");
    }
}
