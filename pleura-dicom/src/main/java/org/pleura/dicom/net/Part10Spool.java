package org.pleura.dicom.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.pleura.dicom.DicomObject;

/**
 * Collects the data set fragments of one C-STORE as they arrive, behind a ready Part 10 header: in memory up to a
 * threshold, then in a temporary file. Past the maximum object size it stops keeping bytes (and frees what it
 * held) but keeps counting, so the rest of the data set can be read and discarded and the association stays
 * usable.
 */
final class Part10Spool {

    private final DicomObject fileMeta;
    private final byte[] header;
    private final long maxDatasetSize;
    private final long memoryThreshold;
    private final Path tempDirectory;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;
    private FileChannel channel;
    private Path file;
    private boolean overflowed;

    Part10Spool(DicomObject fileMeta, byte[] header, long maxDatasetSize, long memoryThreshold, Path tempDirectory) {
        this.fileMeta = fileMeta;
        this.header = header;
        this.maxDatasetSize = maxDatasetSize;
        this.memoryThreshold = memoryThreshold;
        this.tempDirectory = tempDirectory;
    }

    /** Adds a fragment; the array is kept (not copied) while in memory. */
    void write(byte[] fragment) throws IOException {
        size += fragment.length;
        if (overflowed) {
            return;
        }
        if (size > maxDatasetSize) {
            overflowed = true;
            discard();
            return;
        }
        if (channel == null && size > memoryThreshold) {
            file = Files.createTempFile(tempDirectory, "pleura-store-", ".dcm");
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            writeFully(ByteBuffer.wrap(header));
            for (byte[] c : chunks) {
                writeFully(ByteBuffer.wrap(c));
            }
            chunks.clear();
        }
        if (channel != null) {
            writeFully(ByteBuffer.wrap(fragment));
        } else {
            chunks.add(fragment);
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Bytes received so far (including discarded ones). */
    long size() {
        return size;
    }

    /** True when the data set grew beyond the maximum object size. */
    boolean overflowed() {
        return overflowed;
    }

    /** The complete object, once the last fragment arrived and the size was within the limit. */
    ReceivedObject finish() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        return new ReceivedObject(fileMeta, header, new ArrayList<>(chunks), size, file);
    }

    /** Drops everything held (memory and temporary file). */
    void discard() {
        chunks.clear();
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
        channel = null;
        file = null;
    }
}
