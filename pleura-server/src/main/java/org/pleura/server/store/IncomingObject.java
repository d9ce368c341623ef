package org.pleura.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An object received but not yet stored: its bytes can be read (to parse the header) and saved durably at its
 * place. Channels adapt what they receive: a C-STORE's received object, an uploaded temporary file.
 */
public interface IncomingObject {

    /** Size in bytes. */
    long size() throws IOException;

    /** The bytes (a Part 10 file for DICOM, the picture file for PNG and JPEG). */
    InputStream open() throws IOException;

    /** Writes the bytes durably at {@code target} (forced, atomic rename, directory forced). */
    void saveTo(Path target) throws IOException;

    /** Releases anything left (temporary files) once stored or refused. */
    default void discard() {
    }

    /** A temporary file in the data directory's {@code tmp/}, moved into place when saved. */
    static IncomingObject ofTempFile(Path temp) {
        return new IncomingObject() {
            @Override
            public long size() throws IOException {
                return Files.size(temp);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(temp);
            }

            @Override
            public void saveTo(Path target) throws IOException {
                DataDirectory.force(temp);
                Files.createDirectories(target.getParent());
                Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                DataDirectory.forceDirectory(target.getParent());
            }

            @Override
            public void discard() {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // emptied at next start
                }
            }
        };
    }
}
