package org.pleura.batch.store;

import java.nio.file.Path;

/**
 * The layout of a batch's output folder (a local folder, or one every machine of a cluster mounts at the same path):
 *
 * <pre>
 * OUT/findings/run=RUN/model_id=MODEL/part-*.parquet   one row per image, model and finding
 * OUT/outcomes/run=RUN/part-*.parquet                  one row per image: analysed, refused or failed
 * OUT/runs/RUN.json                                    a run (or a chunk of one) committed: only these are read
 * OUT/artefacts/MODEL/NAME.KEY.{json,overlay.png,sc.dcm,sr.dcm}   with --artefacts
 * OUT/pseudonym.key                                    the secret key of patient pseudonyms, created once
 * OUT/.lock                                            held by the run writing here
 * </pre>
 *
 * @param root the output folder, absolute
 */
public record BatchOutput(Path root) {

    public BatchOutput {
        root = root.toAbsolutePath().normalize();
    }

    public Path findings() {
        return root.resolve("findings");
    }

    public Path outcomes() {
        return root.resolve("outcomes");
    }

    public Path runs() {
        return root.resolve("runs");
    }

    public Path artefacts() {
        return root.resolve("artefacts");
    }

    public Path pseudonymKey() {
        return root.resolve("pseudonym.key");
    }

    public Path lock() {
        return root.resolve(".lock");
    }

    /** The findings of one run. */
    public Path findings(String run) {
        return findings().resolve("run=" + run);
    }

    /** The outcomes of one run. */
    public Path outcomes(String run) {
        return outcomes().resolve("run=" + run);
    }
}
