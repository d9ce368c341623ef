package org.pleura.dicom.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomFormatException;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;

/**
 * A {@link StoreSource} ready to send: its SOP class and instance, its own transfer syntax, and the data set bytes
 * in that syntax. A Part 10 file with a standard meta group is not parsed: only its meta group is read, and its
 * data set is streamed from the file unchanged. Re-encoding into another native syntax parses the whole object.
 */
final class PreparedObject {

    private static final int MAX_META_LENGTH = 1 << 20;

    final StoreSource source;
    final String sopClass;
    final String sopInstance;
    final TransferSyntax transferSyntax;
    private final Path file;
    private final long datasetOffset;
    private final long datasetLength;
    private DicomObject dataset;
    private byte[] encoded;

    private PreparedObject(StoreSource source, String sopClass, String sopInstance, TransferSyntax ts, Path file,
                           long datasetOffset, long datasetLength, DicomObject dataset) {
        this.source = source;
        this.sopClass = sopClass;
        this.sopInstance = sopInstance;
        this.transferSyntax = ts;
        this.file = file;
        this.datasetOffset = datasetOffset;
        this.datasetLength = datasetLength;
        this.dataset = dataset;
    }

    /** @throws IOException when the file cannot be read or is not DICOM, or the object has no SOP UIDs */
    static PreparedObject prepare(StoreSource source) throws IOException {
        if (source instanceof StoreSource.InMemory m) {
            DicomObject ds = m.dataset().withoutFileMeta();
            return new PreparedObject(source, uid(ds, Tag.SOPClassUID), uid(ds, Tag.SOPInstanceUID), m.transferSyntax(),
                    null, 0, -1, ds);
        }
        Path path = ((StoreSource.Part10File) source).path();
        PreparedObject p = fromMetaGroup(source, path);
        if (p != null) {
            return p;
        }
        DicomFile f = DicomReader.read(path);
        return new PreparedObject(source, uid(f.dataset(), Tag.SOPClassUID), uid(f.dataset(), Tag.SOPInstanceUID),
                f.transferSyntax(), null, 0, -1, f.dataset());
    }

    /** Reads only the preamble and meta group; null when the file has no standard meta group. */
    private static PreparedObject fromMetaGroup(StoreSource source, Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 8192)) {
            byte[] preamble = in.readNBytes(132);
            if (preamble.length < 132 || preamble[128] != 'D' || preamble[129] != 'I' || preamble[130] != 'C'
                    || preamble[131] != 'M') {
                return null;
            }
            byte[] groupLength = in.readNBytes(12);
            if (groupLength.length < 12 || groupLength[0] != 2 || groupLength[1] != 0 || groupLength[2] != 0
                    || groupLength[3] != 0 || groupLength[4] != 'U' || groupLength[5] != 'L') {
                return null;
            }
            long metaLength = (groupLength[8] & 0xFFL) | (groupLength[9] & 0xFFL) << 8 | (groupLength[10] & 0xFFL) << 16
                    | (groupLength[11] & 0xFFL) << 24;
            if (metaLength > MAX_META_LENGTH || 144 + metaLength > size) {
                return null;
            }
            byte[] meta = new byte[12 + (int) metaLength];
            System.arraycopy(groupLength, 0, meta, 0, 12);
            if (in.readNBytes(meta, 12, (int) metaLength) < metaLength) {
                return null;
            }
            DicomObject m = DicomReader.readDataset(meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            String sopClass = m.getString(Tag.MediaStorageSOPClassUID, "");
            String sopInstance = m.getString(Tag.MediaStorageSOPInstanceUID, "");
            String ts = m.getString(Tag.TransferSyntaxUID, "");
            if (sopClass.isEmpty() || sopInstance.isEmpty() || ts.isEmpty()) {
                return null;
            }
            long offset = 144 + metaLength;
            return new PreparedObject(source, sopClass, sopInstance, TransferSyntax.of(ts), path, offset, size - offset,
                    null);
        } catch (DicomFormatException e) {
            return null;
        }
    }

    private static String uid(DicomObject ds, Tag tag) throws DicomException {
        String v = ds.getString(tag, "");
        if (v.isEmpty()) {
            throw new DicomException("the object has no " + tag.keyword() + " " + tag);
        }
        return v;
    }

    /** True when the data set can be re-encoded into {@code target} (native pixels into a native syntax). */
    boolean canConvertTo(TransferSyntax target) {
        if (target.encapsulated() || !target.known()) {
            return false;
        }
        if (dataset != null) {
            return dataset.optFragments(Tag.PixelData).isEmpty();
        }
        return !transferSyntax.encapsulated();
    }

    /** Length of the data set in its own syntax. */
    long length() throws IOException {
        if (file != null) {
            return datasetLength;
        }
        return encoded().length;
    }

    /** The data set bytes in its own syntax. */
    InputStream open() throws IOException {
        if (file != null) {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(datasetOffset);
            return new BufferedInputStream(in, 1 << 16);
        }
        return new ByteArrayInputStream(encoded());
    }

    private byte[] encoded() throws DicomException {
        if (encoded == null) {
            encoded = DicomWriter.encodeDataset(dataset, transferSyntax);
        }
        return encoded;
    }

    /** The data set re-encoded in another native syntax. */
    byte[] encodeAs(TransferSyntax target) throws IOException {
        if (dataset == null) {
            dataset = DicomReader.read(file).dataset();
        }
        return DicomWriter.encodeDataset(dataset.withoutFileMeta(), target);
    }
}
