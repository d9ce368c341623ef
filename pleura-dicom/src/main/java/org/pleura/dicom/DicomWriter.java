package org.pleura.dicom;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes DICOM: Part 10 files (128-byte preamble, "DICM", a file meta group in explicit VR little
 * endian with its group length, then the data set) and bare data sets (for the network layer), in
 * implicit VR little endian, explicit VR little or big endian, deflated explicit VR little endian,
 * or an encapsulated syntax when the Pixel Data already holds fragments of that syntax.
 *
 * <p>Group length elements present in the object are rewritten with their correct value (none is
 * added except (0002,0000)); text is encoded with the Specific Character Set of the object (items
 * inherit it) and padded to even length; fragments of odd length are padded with a zero byte.
 * The writer does not transcode pixels: native Pixel Data cannot be written in an encapsulated
 * syntax, nor fragments in a native one.
 *
 * <pre>{@code
 * DicomWriter.write(Path.of("out.dcm"), dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
 * byte[] command = DicomWriter.encodeDataset(commandSet, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
 * }</pre>
 */
public final class DicomWriter {

    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final boolean bigEndian;
    private final boolean explicitVr;
    private final WriteOptions options;
    private final byte[] buf = new byte[12];

    private DicomWriter(boolean bigEndian, boolean explicitVr, WriteOptions options) {
        this.bigEndian = bigEndian;
        this.explicitVr = explicitVr;
        this.options = options;
    }

    // ------------------------------------------------------------------ public API

    /** Writes a file read earlier, in its own transfer syntax, keeping its meta group's extra elements. */
    public static void write(Path file, DicomFile dicom) throws IOException {
        write(file, dicom.fileMeta(), dicom.dataset(), dicom.transferSyntax(), WriteOptions.DEFAULT);
    }

    /** Writes a data set as a Part 10 file in {@code ts}, with a file meta group made for it. */
    public static void write(Path file, DicomObject dataset, TransferSyntax ts) throws IOException {
        write(file, DicomObject.empty(), dataset, ts, WriteOptions.DEFAULT);
    }

    /**
     * Writes a Part 10 file atomically (to a temporary file, then moved). {@code fileMeta} may be
     * empty; its Source/Sending/Receiving AE titles and private information are kept, everything
     * else is made from the data set and {@code ts}.
     */
    public static void write(Path file, DicomObject fileMeta, DicomObject dataset, TransferSyntax ts,
                             WriteOptions options) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                write(out, fileMeta, dataset, ts, options);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a Part 10 file to a stream (not closed). */
    public static void write(OutputStream out, DicomObject fileMeta, DicomObject dataset, TransferSyntax ts,
                             WriteOptions options) throws IOException {
        DicomObject meta = fileMetaFor(fileMeta, dataset, ts);
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        new DicomWriter(false, true, WriteOptions.DEFAULT).writeElements(out, meta, SpecificCharacterSet.DEFAULT);
        writeDataset(out, dataset.withoutFileMeta(), ts, options);
    }

    /** Writes a bare data set (no preamble, no meta group) in {@code ts}; deflates when {@code ts} is deflated. */
    public static void writeDataset(OutputStream out, DicomObject dataset, TransferSyntax ts, WriteOptions options)
            throws IOException {
        checkPixelEncoding(dataset, ts);
        DicomWriter w = new DicomWriter(ts.bigEndian(), ts.explicitVr(), options);
        SpecificCharacterSet cs = charsetOf(dataset, SpecificCharacterSet.DEFAULT);
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream d = new DeflaterOutputStream(nonClosing(out), deflater, 1 << 16);
                w.writeElements(d, dataset, cs);
                d.finish();
            } finally {
                deflater.end();
            }
        } else {
            w.writeElements(out, dataset, cs);
        }
    }

    /** The bytes of a bare data set in {@code ts}, e.g. a DIMSE command set in implicit VR little endian. */
    public static byte[] encodeDataset(DicomObject dataset, TransferSyntax ts) throws DicomException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeDataset(out, dataset, ts, WriteOptions.DEFAULT);
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomException("cannot encode: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The file meta group for a data set: version 00\01, media storage SOP class and instance from
     * the data set (else from {@code previous}), {@code ts}, Pleura's implementation UID and
     * version, and the AE titles and private information kept from {@code previous}; with its
     * group length.
     */
    public static DicomObject fileMetaFor(DicomObject previous, DicomObject dataset, TransferSyntax ts)
            throws DicomException {
        DicomObject.Builder b = DicomObject.builder();
        for (Tag keep : List.of(Tag.SourceApplicationEntityTitle, Tag.SendingApplicationEntityTitle,
                Tag.ReceivingApplicationEntityTitle, Tag.PrivateInformationCreatorUID, Tag.PrivateInformation)) {
            previous.get(keep).ifPresent(b::put);
        }
        b.putBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        String sopClass = dataset.getString(Tag.SOPClassUID, previous.getString(Tag.MediaStorageSOPClassUID, ""));
        String sopInstance = dataset.getString(Tag.SOPInstanceUID, previous.getString(Tag.MediaStorageSOPInstanceUID, ""));
        b.putString(Tag.MediaStorageSOPClassUID, VR.UI, sopClass);
        b.putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance);
        b.putString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        b.putString(Tag.ImplementationClassUID, VR.UI, UID.PLEURA_IMPLEMENTATION_CLASS);
        b.putString(Tag.ImplementationVersionName, VR.SH, UID.PLEURA_IMPLEMENTATION_VERSION);
        b.putInt(Tag.FileMetaInformationGroupLength, VR.UL, 0); // rewritten with the right value
        return b.build();
    }

    // ------------------------------------------------------------------ encoding

    private static void checkPixelEncoding(DicomObject ds, TransferSyntax ts) throws DicomException {
        boolean fragments = ds.optFragments(Tag.PixelData).isPresent();
        if (fragments && !ts.encapsulated()) {
            throw new DicomException("cannot write encapsulated Pixel Data in the native transfer syntax " + ts
                    + ": decode the frames first");
        }
        if (!fragments && ts.encapsulated() && ds.get(Tag.PixelData).filter(e -> !e.isEmpty()).isPresent()) {
            throw new DicomException("cannot write native Pixel Data in the encapsulated transfer syntax " + ts
                    + ": Pleura does not compress");
        }
    }

    private static SpecificCharacterSet charsetOf(DicomObject ds, SpecificCharacterSet inherited) {
        List<String> terms = ds.getStrings(Tag.SpecificCharacterSet);
        return terms.isEmpty() ? inherited : SpecificCharacterSet.of(terms);
    }

    private void writeElements(OutputStream out, DicomObject ds, SpecificCharacterSet cs) throws IOException {
        for (DicomElement e : ds) {
            if (e.tag().isGroupLength() && e.vr() == VR.UL) {
                writeGroupLength(out, e.tag(), groupLength(ds, e.tag().group(), cs));
            } else {
                writeElement(out, e, cs);
            }
        }
    }

    private void writeGroupLength(OutputStream out, Tag tag, long length) throws IOException {
        byte[] v = new byte[4];
        putU32(v, 0, length);
        writeHeader(out, tag, VR.UL, 4);
        out.write(v);
    }

    private long groupLength(DicomObject ds, int group, SpecificCharacterSet cs) throws DicomException {
        long total = 0;
        for (DicomElement e : ds) {
            if (e.tag().group() == group && !e.tag().isGroupLength()) {
                total += encodedLength(e, cs);
            }
        }
        return total;
    }

    private void writeElement(OutputStream out, DicomElement e, SpecificCharacterSet cs) throws IOException {
        if (e instanceof DicomElement.Text t) {
            byte[] v = textBytes(t, cs);
            writeHeader(out, t.tag(), headerVr(t.vr(), v.length), v.length);
            out.write(v);
        } else if (e instanceof DicomElement.Binary b) {
            byte[] v = b.array();
            int padded = v.length + (v.length & 1);
            writeHeader(out, b.tag(), headerVr(b.vr(), padded), padded);
            if (bigEndian && b.vr().unitSize() > 1) {
                byte[] swapped = v.clone();
                DicomReader.swap(swapped, b.vr().unitSize());
                out.write(swapped);
            } else {
                out.write(v);
            }
            if ((v.length & 1) == 1) {
                out.write(0);
            }
        } else if (e instanceof DicomElement.Sequence s) {
            writeSequence(out, s, cs);
        } else if (e instanceof DicomElement.Fragments f) {
            writeHeader(out, f.tag(), f.vr(), UNDEFINED);
            byte[] bot = f.offsetTableArray();
            writeItemHeader(out, 0xFFFEE000, bot.length);
            out.write(bot);
            for (byte[] frag : f.fragmentArrays()) {
                int padded = frag.length + (frag.length & 1);
                writeItemHeader(out, 0xFFFEE000, padded);
                out.write(frag);
                if ((frag.length & 1) == 1) {
                    out.write(0);
                }
            }
            writeItemHeader(out, 0xFFFEE0DD, 0);
        }
    }

    private void writeSequence(OutputStream out, DicomElement.Sequence s, SpecificCharacterSet cs) throws IOException {
        boolean undefined = options.undefinedLengthSequences();
        writeHeader(out, s.tag(), VR.SQ, undefined ? UNDEFINED : sequenceValueLength(s, cs));
        for (DicomObject item : s.items()) {
            SpecificCharacterSet itemCs = charsetOf(item, cs);
            writeItemHeader(out, 0xFFFEE000, undefined ? UNDEFINED : datasetLength(item, itemCs));
            writeElements(out, item, itemCs);
            if (undefined) {
                writeItemHeader(out, 0xFFFEE00D, 0);
            }
        }
        if (undefined) {
            writeItemHeader(out, 0xFFFEE0DD, 0);
        }
    }

    /** VR written in the header: a short-header VR whose value exceeds 16 bits becomes UN, as dcmtk does. */
    private VR headerVr(VR vr, long length) {
        return explicitVr && !vr.hasLongHeader() && length > 0xFFFE ? VR.UN : vr;
    }

    private void writeHeader(OutputStream out, Tag tag, VR vr, long length) throws IOException {
        putU16(buf, 0, tag.group());
        putU16(buf, 2, tag.element());
        if (!explicitVr) {
            putU32(buf, 4, length);
            out.write(buf, 0, 8);
        } else if (vr.hasLongHeader()) {
            buf[4] = (byte) vr.name().charAt(0);
            buf[5] = (byte) vr.name().charAt(1);
            buf[6] = 0;
            buf[7] = 0;
            putU32(buf, 8, length);
            out.write(buf, 0, 12);
        } else {
            buf[4] = (byte) vr.name().charAt(0);
            buf[5] = (byte) vr.name().charAt(1);
            putU16(buf, 6, (int) length);
            out.write(buf, 0, 8);
        }
    }

    private void writeItemHeader(OutputStream out, int code, long length) throws IOException {
        putU16(buf, 0, code >>> 16);
        putU16(buf, 2, code & 0xFFFF);
        putU32(buf, 4, length);
        out.write(buf, 0, 8);
    }

    // ------------------------------------------------------------------ lengths

    private long encodedLength(DicomElement e, SpecificCharacterSet cs) throws DicomException {
        if (e instanceof DicomElement.Text t) {
            int len = textBytes(t, cs).length;
            return headerLength(headerVr(t.vr(), len)) + len;
        }
        if (e instanceof DicomElement.Binary b) {
            int len = b.length() + (b.length() & 1);
            return headerLength(headerVr(b.vr(), len)) + len;
        }
        if (e instanceof DicomElement.Sequence s) {
            long len = headerLength(VR.SQ);
            if (options.undefinedLengthSequences()) {
                for (DicomObject item : s.items()) {
                    len += 16 + datasetLength(item, charsetOf(item, cs));
                }
                return len + 8;
            }
            return len + sequenceValueLength(s, cs);
        }
        DicomElement.Fragments f = (DicomElement.Fragments) e;
        long len = headerLength(f.vr()) + 8 + f.offsetTableArray().length + 8;
        for (byte[] frag : f.fragmentArrays()) {
            len += 8 + frag.length + (frag.length & 1);
        }
        return len;
    }

    private long sequenceValueLength(DicomElement.Sequence s, SpecificCharacterSet cs) throws DicomException {
        long len = 0;
        for (DicomObject item : s.items()) {
            len += 8 + datasetLength(item, charsetOf(item, cs));
        }
        return checkedLength(len, s.tag());
    }

    private long datasetLength(DicomObject ds, SpecificCharacterSet cs) throws DicomException {
        long len = 0;
        for (DicomElement e : ds) {
            len += encodedLength(e, cs);
        }
        return len;
    }

    private static long checkedLength(long len, Tag tag) throws DicomException {
        if (len >= UNDEFINED) {
            throw new DicomException("sequence " + DicomAttributeException.describe(tag)
                    + " is longer than 4 GiB: write it with undefined lengths");
        }
        return len;
    }

    private int headerLength(VR vr) {
        return explicitVr && vr.hasLongHeader() ? 12 : 8;
    }

    private static byte[] textBytes(DicomElement.Text t, SpecificCharacterSet cs) {
        String value = t.value();
        byte[] b = t.vr().usesCharacterSet() ? cs.encode(value) : value.getBytes(StandardCharsets.ISO_8859_1);
        if ((b.length & 1) == 1) {
            b = java.util.Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = t.vr().paddingByte();
        }
        return b;
    }

    private void putU16(byte[] b, int off, int v) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    private void putU32(byte[] b, int off, long v) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
            b[off + 2] = (byte) (v >>> 16);
            b[off + 3] = (byte) (v >>> 24);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
