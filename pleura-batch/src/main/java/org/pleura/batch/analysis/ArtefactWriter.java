package org.pleura.batch.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pleura.batch.input.PathNames;
import org.pleura.results.pipeline.Artefacts;

/**
 * Writes one reading's artefacts under {@code OUT/artefacts/MODEL-ID/} (refusals under {@code OUT/artefacts/refused/}):
 * {@code NAME.KEY.json}, {@code .overlay.png}, and for DICOM input {@code .sc.dcm} and {@code .sr.dcm}, where
 * {@code NAME} is the file name without its extension and {@code KEY} twelve hex digits of the image key's hash, so
 * that two files of one name never collide and a re-written image overwrites its own files.
 */
public final class ArtefactWriter implements Serializable {

    private static final long serialVersionUID = 1L;
    private final String root;

    /** @param root the artefacts folder ({@code OUT/artefacts}) */
    public ArtefactWriter(String root) {
        this.root = root;
    }

    /**
     * Writes the artefacts; returns the overlay's path when there is one.
     *
     * @throws IOException naming the file that could not be written
     */
    public Optional<String> write(String folder, String fileName, String key, Artefacts artefacts) throws IOException {
        String base = stem(fileName) + "." + ImageKeys.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 12);
        Path dir = new Path(new Path(root), folder);
        FileSystem fs = dir.getFileSystem(HadoopConf.get());
        put(fs, new Path(dir, base + ".json"), artefacts.json());
        Optional<String> overlay = Optional.empty();
        if (artefacts.overlay().isPresent()) {
            Path p = new Path(dir, base + ".overlay.png");
            put(fs, p, artefacts.overlay().get());
            overlay = Optional.of(PathNames.display(fs.makeQualified(p)));
        }
        if (artefacts.sc().isPresent()) {
            put(fs, new Path(dir, base + ".sc.dcm"), artefacts.sc().get());
        }
        if (artefacts.sr().isPresent()) {
            put(fs, new Path(dir, base + ".sr.dcm"), artefacts.sr().get());
        }
        return overlay;
    }

    private static void put(FileSystem fs, Path p, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(p, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new IOException("cannot write " + PathNames.display(fs.makeQualified(p)) + " (" + e.getMessage() + ")", e);
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
