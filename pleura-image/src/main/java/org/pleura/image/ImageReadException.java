package org.pleura.image;

import java.io.IOException;

/**
 * A radiograph could not be read: the message names the source and the problem in words a user can
 * act on, e.g. {@code "scan.dcm: not a DICOM, PNG or JPEG file"}.
 */
public class ImageReadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String problem;

    public ImageReadException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    public ImageReadException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file name or label of the input. */
    public String source() {
        return source;
    }

    /** The problem, without the source name. */
    public String problem() {
        return problem;
    }
}
