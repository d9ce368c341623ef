package org.pleura.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a radiograph from a DICOM, PNG or JPEG file, recognised by its content, never by its name.
 *
 * <pre>{@code
 * Radiograph r = RadiographReader.read(Path.of("chest.dcm"));
 * }</pre>
 *
 * Every failure is an {@link ImageReadException} whose message names the file and the problem.
 * Files larger than {@link #MAX_FILE_BYTES} are refused before reading.
 */
public final class RadiographReader {
    /** Largest file accepted: 1 GiB. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private RadiographReader() {
    }

    /** Reads {@code file}; messages name it by its file name. */
    public static Radiograph read(Path file) throws ImageReadException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageReadException(name, "is a directory, not an image file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageReadException(name, "file is " + size + " bytes, larger than the limit of " + MAX_FILE_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageReadException(name, "no such file");
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageReadException(name, "cannot read file (" + e.getMessage() + ")", e);
        }
        return read(bytes, name);
    }

    /** Reads a whole stream (at most {@link #MAX_FILE_BYTES}); {@code name} labels messages. */
    public static Radiograph read(InputStream in, String name) throws ImageReadException {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_FILE_BYTES + 1));
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ImageReadException(name, "larger than the limit of " + MAX_FILE_BYTES + " bytes");
            }
            return read(bytes, name);
        } catch (IOException e) {
            if (e instanceof ImageReadException ire) {
                throw ire;
            }
            throw new ImageReadException(name, "cannot read input (" + e.getMessage() + ")", e);
        }
    }

    /** Reads the bytes of a whole file; {@code name} labels messages. */
    public static Radiograph read(byte[] bytes, String name) throws ImageReadException {
        if (bytes.length == 0) {
            throw new ImageReadException(name, "file is empty");
        }
        SourceFormat format = SourceFormat.sniff(bytes, bytes.length);
        return switch (format) {
            case DICOM -> DicomRadiographReader.read(bytes, name);
            case PNG, JPEG -> PictureReader.read(bytes, name, format);
            case UNKNOWN -> throw new ImageReadException(name, "not a DICOM, PNG or JPEG file");
        };
    }
}
