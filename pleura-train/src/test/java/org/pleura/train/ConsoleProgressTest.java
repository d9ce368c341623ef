package org.pleura.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void barShowsProgressLossSpeedAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 16);
        p.step(1, 10, 45, 90, 0.5, 16.0); // 45 batches of 16 left at 16 img/s: 45 s for the epoch
        p.epoch(new EpochReport(1, 90, 0.5, Map.of("effusion", 0.8123), 0.8123, 100, 1e-3, true), 10);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 1/10 [############............] 45/90"), out);
        assertTrue(out.contains("loss 0.5000"), out);
        assertTrue(out.contains("16.0 img/s"), out);
        assertTrue(out.contains("ETA epoch 45s, run 14m15s"), out); // 45 s + 9 epochs x 90 batches x 16 images / 16 img/s = 855 s
        assertTrue(out.contains("val mean AUROC 0.8123, selection figure 0.8123 (best so far)"), out);
        assertTrue(out.contains("effusion 0.812"), out);
    }

    @Test
    void durations() {
        assertEquals("42s", ConsoleProgress.duration(42.2));
        assertEquals("3m05s", ConsoleProgress.duration(185));
        assertEquals("1h02m", ConsoleProgress.duration(3725));
        assertEquals("?", ConsoleProgress.duration(Double.NaN));
    }
}
