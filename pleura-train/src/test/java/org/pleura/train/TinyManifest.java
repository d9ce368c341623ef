package org.pleura.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pleura.testsupport.SharedData;

/** A small manifest of real NIH images (absolute paths) for fast training tests. */
final class TinyManifest {

    private TinyManifest() {
    }

    /**
     * Writes a manifest with {@code trainPerClass} effusion-positive and as many effusion-negative train images, and
     * {@code valPerClass} of each in val, keeping NIH's source and labels for effusion, consolidation and no_finding.
     */
    static Path write(Path dir, int trainPerClass, int valPerClass) throws IOException {
        Path nih = SharedData.data("nih-cxr");
        List<String> lines = Files.readAllLines(nih.resolve("manifest.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        int path = header.indexOf("path");
        int patient = header.indexOf("patient_id");
        int split = header.indexOf("split");
        int eff = header.indexOf("effusion");
        int cons = header.indexOf("consolidation");
        int none = header.indexOf("no_finding");
        int source = header.indexOf("source");
        List<String> out = new ArrayList<>();
        out.add("path,patient_id,split,source,effusion,consolidation,no_finding");
        int[][] need = {{trainPerClass, trainPerClass}, {valPerClass, valPerClass}};
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            int s = c[split].equals("train") ? 0 : c[split].equals("val") ? 1 : -1;
            if (s < 0) {
                continue;
            }
            int positive = c[eff].equals("1") ? 0 : 1;
            if (need[s][positive] == 0) {
                continue;
            }
            need[s][positive]--;
            out.add(nih.resolve(c[path]).toAbsolutePath() + "," + c[patient] + "," + c[split] + "," + c[source] + ","
                    + c[eff] + "," + c[cons] + "," + c[none]);
        }
        Path manifest = dir.resolve("tiny.csv");
        Files.write(manifest, out);
        return manifest;
    }
}
