package org.pleura.batch.input;

import org.apache.hadoop.fs.Path;

/** How a file is named in the tables: a plain absolute path on the local file system, the full URI elsewhere. */
public final class PathNames {

    private PathNames() {
    }

    /** The name of a qualified path. */
    public static String display(Path qualified) {
        var uri = qualified.toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return java.nio.file.Path.of(uri.getPath()).normalize().toString();
        }
        return qualified.toString();
    }
}
