package org.pleura.bench.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TrainBenchmarkTest {

    @Test
    void measuresATinyNetwork() throws Exception {
        TrainBenchmark.Result r = TrainBenchmark.measureDjl(64, 4, 4, 2, 1, 3, 2);
        assertTrue(r.trainImagesPerSecond() > 0 && Double.isFinite(r.trainImagesPerSecond()), r.toString());
        assertTrue(r.forwardMsMedian() > 0, r.toString());
        assertTrue(r.detectorMsMedian() > 0, r.toString());
        assertTrue(r.onnxForwardMsMedian() > 0 && r.onnxDetectorMsMedian() > 0, r.toString());
        assertTrue(r.row().startsWith("| DJL"), r.row());
    }
}
