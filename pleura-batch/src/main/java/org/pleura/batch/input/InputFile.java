package org.pleura.batch.input;

import java.io.Serializable;
import java.util.Objects;

/**
 * One file to analyse, with what a manifest says about it.
 *
 * @param path      the file: a local absolute path, or a URI on another file system
 * @param patientId the manifest's {@code patient_id}, or null (DICOM files carry their own)
 * @param studyDate the manifest's {@code study_date} (or {@code date}), or null
 * @param named     named by the user or a manifest (a file that is not an image is then a failure), rather than
 *                  found in a folder (where it is counted as "not an image" and left alone, as {@code pleura analyze}
 *                  does)
 */
public record InputFile(String path, String patientId, String studyDate, boolean named) implements Serializable {

    private static final long serialVersionUID = 1L;

    public InputFile {
        Objects.requireNonNull(path, "path");
    }

    /** A file found in a folder. */
    public static InputFile found(String path) {
        return new InputFile(path, null, null, false);
    }

    /** A file named on the command line or by a glob. */
    public static InputFile named(String path) {
        return new InputFile(path, null, null, true);
    }
}
