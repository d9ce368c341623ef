package org.pleura.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.pleura.dicom.DicomObject;

/**
 * An object received by C-STORE, held as a complete Part 10 file: the 128-byte preamble, "DICM", a file meta group
 * made from the C-STORE command and the negotiated transfer syntax, then the data set bytes exactly as the peer
 * sent them. Small objects stay in memory; larger ones were spooled to a temporary file while they arrived.
 *
 * <p>Owned by the server: it is deleted when the handler returns, unless {@link #savePart10(Path)} moved it
 * away. Not thread-safe; use it from the handler's thread.
 */
public final class ReceivedObject {

    private final DicomObject fileMeta;
    private final byte[] header;
    private final List<byte[]> chunks;
    private final long datasetSize;
    private Path file;
    private boolean fileOwned;

    ReceivedObject(DicomObject fileMeta, byte[] header, List<byte[]> chunks, long datasetSize, Path file) {
        this.fileMeta = fileMeta;
        this.header = header;
        this.chunks = chunks;
        this.datasetSize = datasetSize;
        this.file = file;
        this.fileOwned = file != null;
    }

    /** The file meta group (group 0002) written before the data set. */
    public DicomObject fileMeta() {
        return fileMeta;
    }

    /** Size of the data set as received, in bytes. */
    public long datasetSize() {
        return datasetSize;
    }

    /** Size of the whole Part 10 file, in bytes. */
    public long part10Size() {
        return header.length + datasetSize;
    }

    /** The temporary file holding the Part 10 bytes, when the object was spooled to disk. */
    public Optional<Path> spoolFile() {
        return Optional.ofNullable(file);
    }

    /** The whole Part 10 file as a stream. */
    public InputStream openPart10() throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        List<InputStream> parts = new ArrayList<>(chunks.size() + 1);
        parts.add(new ByteArrayInputStream(header));
        for (byte[] c : chunks) {
            parts.add(new ByteArrayInputStream(c));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The data set bytes alone (no preamble, no meta group), encoded in the negotiated transfer syntax. */
    public InputStream openDataset() throws IOException {
        InputStream in = openPart10();
        in.skipNBytes(header.length);
        return in;
    }

    /** Writes the whole Part 10 file to a stream (not closed). */
    public void writePart10(OutputStream out) throws IOException {
        if (file != null) {
            Files.copy(file, out);
            return;
        }
        out.write(header);
        for (byte[] c : chunks) {
            out.write(c);
        }
    }

    /**
     * Stores the Part 10 file durably at {@code target}: the bytes are forced to disk, then the file appears
     * atomically under its name (replacing any file there), then the directory entry is forced to disk. A spooled
     * object on the same file system is moved rather than copied. When this returns, the object survives a crash.
     *
     * @throws IOException when the file cannot be written or forced (disk full, permissions...)
     */
    public void savePart10(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (file != null && fileOwned) {
            force(file);
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                file = target;
                fileOwned = false;
                forceDirectory(dir);
                return;
            } catch (AtomicMoveNotSupportedException e) {
                // another file system: copy below
            }
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeAll(ch);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void writeAll(FileChannel ch) throws IOException {
        if (file != null) {
            try (FileChannel src = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = src.size();
                long pos = 0;
                while (pos < size) {
                    pos += src.transferTo(pos, size - pos, ch);
                }
            }
            return;
        }
        writeFully(ch, ByteBuffer.wrap(header));
        for (byte[] c : chunks) {
            writeFully(ch, ByteBuffer.wrap(c));
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void force(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces a directory entry to disk (Linux and macOS allow opening a directory for reading; others skip). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform: the rename is as durable as the file system makes it
        }
    }

    /** Deletes the temporary file if the object still owns one. */
    void discard() {
        if (file != null && fileOwned) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left in the temporary directory
            }
            fileOwned = false;
        }
        chunks.clear();
    }
}
