package org.pleura.server.feedback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Where an export's files go: a folder ({@code pleura export-feedback}) or a zip (the admin page's download). */
public interface ExportSink {

    /** Writes one file, {@code name} relative to the export's root (forward slashes). */
    void put(String name, byte[] bytes) throws IOException;

    /** Files in a folder (created when missing). */
    static ExportSink folder(Path root) {
        return (name, bytes) -> {
            Path p = root.resolve(name).normalize();
            if (!p.startsWith(root.normalize())) {
                throw new IOException("export file name leaves the folder: " + name);
            }
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
        };
    }

    /** Entries of a zip written to {@code out} (the caller closes the returned stream's zip with {@code finish}). */
    static ExportSink zip(ZipOutputStream zip) {
        return (name, bytes) -> {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        };
    }

    /** A zip stream over {@code out}, fast compression (PNG files are compressed already). */
    static ZipOutputStream zipStream(OutputStream out) {
        ZipOutputStream z = new ZipOutputStream(out);
        z.setLevel(1);
        return z;
    }
}
