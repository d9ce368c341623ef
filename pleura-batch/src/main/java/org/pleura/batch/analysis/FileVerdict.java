package org.pleura.batch.analysis;

import java.util.Objects;
import org.pleura.batch.rows.ImageResult;

/** What an executor made of one listed file. */
public sealed interface FileVerdict {

    /** The file was analysed (or refused, or failed) now: its rows. */
    record Done(ImageResult result) implements FileVerdict {
        public Done {
            Objects.requireNonNull(result);
        }
    }

    /** An earlier run already has this image (by its key): nothing is written again. */
    record AlreadyDone(String key) implements FileVerdict {
    }

    /** A file found in a folder that is not DICOM, PNG or JPEG: left alone, as {@code pleura analyze} does. */
    record NotAnImage(String file) implements FileVerdict {
    }
}
