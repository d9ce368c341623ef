package org.pleura.dicom;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads DICOM: Part 10 files (with or without the 128-byte preamble and file meta group: for old
 * ACR-NEMA style files the encoding is detected by looking at the first element), and bare data
 * sets in a given transfer syntax (as the network layer receives them).
 *
 * <p>Supported: implicit VR little endian, explicit VR little and big endian, deflated explicit VR
 * little endian; every VR; sequences and items of defined and undefined length, nested; UN of
 * undefined length (read as an implicit VR little endian sequence); private elements; encapsulated
 * Pixel Data (kept as {@link DicomElement.Fragments}); the character sets of {@link
 * SpecificCharacterSet}. Binary values are converted to little endian.
 *
 * <p>Hostile input: every failure is a {@link DicomException} subtype ({@link DicomFormatException}
 * for malformed bytes, {@link DicomLimitException} for a limit of {@link ReadOptions}); the reader
 * never allocates more than the bytes present (or the limits) and always moves forward, so it
 * cannot hang. Only genuine I/O errors (file not found, disk error) are plain {@link IOException}s.
 *
 * <pre>{@code
 * DicomFile f = DicomReader.read(Path.of("chest.dcm"));
 * String name = f.dataset().getString(Tag.PatientName);
 * DicomFile header = DicomReader.read(path, ReadOptions.HEADER_ONLY); // skips Pixel Data
 * }</pre>
 */
public final class DicomReader {

    private static final int UNDEFINED = -1;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final Tag PIXEL_DATA = Tag.PixelData;

    private record Encoding(boolean bigEndian, boolean explicitVr) {
        static final Encoding IMPLICIT_LE = new Encoding(false, false);
        static final Encoding EXPLICIT_LE = new Encoding(false, true);

        static Encoding of(TransferSyntax ts) {
            return new Encoding(ts.bigEndian(), ts.explicitVr());
        }
    }

    private final DicomInput in;
    private final ReadOptions options;
    private long elementCount;
    private final byte[] header = new byte[12];

    private DicomReader(DicomInput in) {
        this.in = in;
        this.options = in.options();
    }

    /** Reads a whole Part 10 (or headerless) file with the default limits. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    /** Reads a Part 10 (or headerless) file. */
    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DicomFormatException("not a DICOM file: " + file + " is a directory");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (InputStream s = Files.newInputStream(file)) {
            return new DicomReader(new DicomInput(s, size, options)).readFile();
        }
    }

    /** Reads a Part 10 file from bytes in memory. */
    public static DicomFile read(byte[] bytes, ReadOptions options) throws DicomException {
        try {
            return new DicomReader(new DicomInput(new ByteArrayInputStream(bytes), bytes.length, options)).readFile();
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomFormatException("cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a Part 10 file from a stream of unknown length (the stream is read to the end, or to
     * Pixel Data with {@link ReadOptions#stopBeforePixelData()}; it is not closed).
     */
    public static DicomFile read(InputStream stream, ReadOptions options) throws IOException {
        return new DicomReader(new DicomInput(stream, -1, options)).readFile();
    }

    /**
     * Reads a bare data set (no preamble, no meta group) encoded in {@code ts}, up to the end of
     * the stream, with the default limits. Deflated syntaxes are inflated.
     */
    public static DicomObject readDataset(InputStream stream, TransferSyntax ts) throws IOException {
        return readDataset(stream, ts, ReadOptions.DEFAULT);
    }

    /** Reads a bare data set encoded in {@code ts}, up to the end of the stream. */
    public static DicomObject readDataset(InputStream stream, TransferSyntax ts, ReadOptions options) throws IOException {
        DicomReader r = new DicomReader(new DicomInput(stream, -1, options));
        if (ts.deflated()) {
            r.in.startInflating();
        }
        return r.readDataset(Encoding.of(ts), 0, UNDEFINED, SpecificCharacterSet.DEFAULT, true);
    }

    /** Reads a bare data set from bytes encoded in {@code ts}. */
    public static DicomObject readDataset(byte[] bytes, TransferSyntax ts) throws DicomException {
        try {
            DicomReader r = new DicomReader(new DicomInput(new ByteArrayInputStream(bytes),
                    ts.deflated() ? -1 : bytes.length, ReadOptions.DEFAULT));
            if (ts.deflated()) {
                r.in.startInflating();
            }
            return r.readDataset(Encoding.of(ts), 0, UNDEFINED, SpecificCharacterSet.DEFAULT, true);
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomFormatException("cannot read: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ file structure

    private DicomFile readFile() throws IOException {
        byte[] head = new byte[132];
        int n = in.peek(head, 132);
        DicomObject meta = DicomObject.empty();
        if (n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            in.skip(132, "preamble");
            meta = readMeta();
        } else if (n >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M') {
            in.skip(4, "DICM prefix");
            meta = readMeta();
        } else if (n >= 8 && head[0] == 2 && head[1] == 0 && isUpper(head[4]) && isUpper(head[5])) {
            meta = readMeta(); // meta group without preamble
        }
        TransferSyntax ts;
        Encoding enc;
        if (meta.contains(Tag.TransferSyntaxUID)) {
            ts = TransferSyntax.of(meta.getString(Tag.TransferSyntaxUID, ""));
            if (ts.deflated()) {
                in.startInflating();
            }
            enc = Encoding.of(ts);
            if (!in.atEnd()) {
                enc = checkEncoding(enc);
                ts = actualSyntax(ts, enc);
            }
        } else {
            enc = guessEncoding(meta.isEmpty());
            ts = enc.bigEndian() ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN
                    : enc.explicitVr() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        DicomObject dataset = readDataset(enc, 0, UNDEFINED, SpecificCharacterSet.DEFAULT, true);
        if (meta.isEmpty() && dataset.isEmpty()) {
            throw new DicomFormatException("not a DICOM file: empty");
        }
        return new DicomFile(meta, dataset, ts);
    }

    private static TransferSyntax actualSyntax(TransferSyntax declared, Encoding enc) {
        if (enc.explicitVr() == declared.explicitVr()) {
            return declared;
        }
        // The data set contradicts the meta group (seen in the wild): describe what is really there.
        return new TransferSyntax(declared.uid(), declared.name() + " (data set actually "
                + (enc.explicitVr() ? "explicit" : "implicit") + " VR)", enc.bigEndian(), enc.explicitVr(),
                declared.deflated(), declared.encapsulated(), declared.known());
    }

    private DicomObject readMeta() throws IOException {
        List<DicomElement> out = new ArrayList<>();
        long end = Long.MAX_VALUE;
        byte[] peek = new byte[8];
        while (true) {
            if (in.position() >= end) {
                break;
            }
            int n = in.peek(peek, 8);
            if (n < 8 || peek[0] != 2 || peek[1] != 0) {
                break;
            }
            Encoding enc = isUpper(peek[4]) && isUpper(peek[5]) ? Encoding.EXPLICIT_LE : Encoding.IMPLICIT_LE;
            DicomElement e = readElement(enc, 0, SpecificCharacterSet.DEFAULT, false);
            if (e == null) {
                break;
            }
            if (e.tag().equals(Tag.FileMetaInformationGroupLength) && e instanceof DicomElement.Binary b
                    && b.length() == 4) {
                long len = b.buffer().getInt(0) & 0xFFFFFFFFL;
                end = in.position() + len;
            }
            add(out, e);
        }
        if (out.isEmpty()) {
            throw new DicomFormatException("not a DICOM file: 'DICM' marker without a file meta information group");
        }
        return build(out);
    }

    /** Checks the first data set element against the declared encoding; some files lie. */
    private Encoding checkEncoding(Encoding declared) throws IOException {
        byte[] p = new byte[8];
        int n = in.peek(p, 8);
        if (n < 8 || declared.bigEndian()) {
            return declared;
        }
        boolean letters = isUpper(p[4]) && isUpper(p[5]);
        if (declared.explicitVr() && !letters) {
            return Encoding.IMPLICIT_LE;
        }
        if (!declared.explicitVr() && letters) {
            Tag t = Tag.of(u16(p, 0, false), u16(p, 2, false));
            VR vr = VR.ofCode(((p[4] & 0xFF) << 8) | (p[5] & 0xFF));
            if (vr != null && vr == ElementDictionary.vrOf(t) && vr != VR.UN) {
                return Encoding.EXPLICIT_LE;
            }
        }
        return declared;
    }

    /** For files without a meta group: decides the encoding from the first element, or refuses. */
    private Encoding guessEncoding(boolean noMeta) throws IOException {
        byte[] p = new byte[8];
        int n = in.peek(p, 8);
        if (n < 8) {
            throw new DicomFormatException("not a DICOM file: only " + n + " bytes");
        }
        boolean letters = isUpper(p[4]) && isUpper(p[5]);
        int groupLe = u16(p, 0, false);
        int groupBe = u16(p, 0, true);
        if (plausibleFirstGroup(groupLe)) {
            if (letters && VR.ofCode(((p[4] & 0xFF) << 8) | (p[5] & 0xFF)) != null) {
                return Encoding.EXPLICIT_LE;
            }
            long len = u32(p, 4, false);
            if (len < 0x10000000L && (in.remaining() < 0 || len <= in.remaining() - 8)) {
                return Encoding.IMPLICIT_LE;
            }
        } else if (plausibleFirstGroup(groupBe) && letters && VR.ofCode(((p[4] & 0xFF) << 8) | (p[5] & 0xFF)) != null) {
            return new Encoding(true, true);
        }
        throw new DicomFormatException("not a DICOM file: no 'DICM' marker, and the first bytes are not a DICOM element"
                + (noMeta ? "" : " after the meta group"));
    }

    private static boolean plausibleFirstGroup(int group) {
        return group <= 0x0028 && (group & 1) == 0;
    }

    // ------------------------------------------------------------------ data sets and elements

    /**
     * Reads elements until {@code end} (a position) is reached, or until an item delimiter
     * (undefined-length item), or until the end of data (top level).
     */
    private DicomObject readDataset(Encoding enc, int depth, long end, SpecificCharacterSet cs, boolean topLevel)
            throws IOException {
        List<DicomElement> out = new ArrayList<>();
        SpecificCharacterSet charset = cs;
        while (true) {
            if (end != UNDEFINED) {
                if (in.position() == end) {
                    break;
                }
                if (in.position() > end) {
                    throw new DicomFormatException("an element overruns its item: item ends at byte " + end
                            + ", element ends at byte " + in.position());
                }
            }
            DicomElement e = readElement(enc, depth, charset, topLevel);
            if (e == null) {
                if (end != UNDEFINED && !topLevel) {
                    throw new DicomFormatException("an item delimiter inside an item of defined length at byte "
                            + in.position());
                }
                break;
            }
            if (e == STOP) {
                break;
            }
            if (e == SKIP) {
                continue;
            }
            if (e.tag().equals(Tag.SpecificCharacterSet) && e instanceof DicomElement.Text t) {
                charset = SpecificCharacterSet.of(t.values());
            }
            add(out, e);
        }
        return build(out);
    }

    private static final DicomElement STOP = new DicomElement.Text(Tag.of(0xFFFF, 0xFFFF), VR.CS, "stop");
    private static final DicomElement SKIP = new DicomElement.Text(Tag.of(0xFFFF, 0xFFFF), VR.CS, "skip");

    /**
     * Reads one element. Returns null at an item delimiter or at the end of data (top level);
     * STOP before Pixel Data when asked; SKIP for a stray delimiter at top level.
     */
    private DicomElement readElement(Encoding enc, int depth, SpecificCharacterSet cs, boolean topLevel)
            throws IOException {
        long start = in.position();
        int n = in.readUpTo(header, 0, 4);
        if (n == 0 && topLevel) {
            return null;
        }
        if (n < 4) {
            throw in.truncated("an element tag", 4, n);
        }
        int group = u16(header, 0, enc.bigEndian());
        int element = u16(header, 2, enc.bigEndian());
        int code = (group << 16) | element;
        if (group == 0xFFFE) {
            in.readFully(header, 4, 4, "an item length");
            long len = u32(header, 4, enc.bigEndian());
            if (code == ITEM_END) {
                return topLevel ? SKIP : null; // a stray delimiter at top level is ignored
            }
            if (code == SEQUENCE_END && topLevel) {
                return SKIP;
            }
            throw new DicomFormatException("unexpected " + Tag.of(code) + " (item or delimiter) outside a sequence at byte "
                    + start);
        }
        Tag tag = Tag.of(group, element);
        if (topLevel && depth == 0 && options.stopBeforePixelData() && group == 0x7FE0 && element >= 8) {
            return STOP;
        }
        count();
        VR vr;
        long len;
        if (enc.explicitVr()) {
            in.readFully(header, 4, 2, "a VR");
            vr = VR.ofCode(((header[4] & 0xFF) << 8) | (header[5] & 0xFF));
            if (vr == null || vr.hasLongHeader()) {
                // Unknown VR bytes: like dcmtk, assume a 4-byte length and treat the value as UN.
                in.readFully(header, 6, 6, "an element length");
                len = u32(header, 8, enc.bigEndian());
                if (vr == null) {
                    if (!isUpper(header[4]) || !isUpper(header[5])) {
                        throw new DicomFormatException("invalid VR bytes 0x" + hex(header[4]) + " 0x" + hex(header[5])
                                + " for " + tag + " at byte " + start);
                    }
                    vr = VR.UN;
                }
            } else {
                in.readFully(header, 6, 2, "an element length");
                len = u16(header, 6, enc.bigEndian());
            }
        } else {
            in.readFully(header, 4, 4, "an element length");
            len = u32(header, 4, false);
            vr = tag.equals(PIXEL_DATA) ? VR.OW : ElementDictionary.vrOf(tag);
        }
        if (len == 0xFFFFFFFFL) {
            if (tag.equals(PIXEL_DATA) && vr != VR.SQ) {
                return readFragments(tag, vr == VR.UN ? VR.OB : vr, enc);
            }
            Encoding itemEnc = vr == VR.SQ ? enc : Encoding.IMPLICIT_LE; // UN: implicit VR LE sequence
            return new DicomElement.Sequence(tag, readItems(tag, itemEnc, depth, UNDEFINED, cs));
        }
        if (vr == VR.SQ) {
            in.checkLength(len, "sequence " + describe(tag));
            return new DicomElement.Sequence(tag, readItems(tag, enc, depth, in.position() + len, cs));
        }
        byte[] value = in.readValue(len, "value of " + describe(tag));
        if (vr == VR.UN) {
            VR known = ElementDictionary.vrOf(tag);
            if (known == VR.SQ) {
                return new DicomElement.Sequence(tag, readNestedImplicit(tag, value, depth, cs));
            }
            if (known != VR.UN && !tag.isPrivate()) {
                vr = known; // UN value bytes are little endian: reinterpret with the dictionary VR
                return toElement(tag, vr, value, false, cs);
            }
        }
        return toElement(tag, vr, value, enc.bigEndian(), cs);
    }

    private List<DicomObject> readNestedImplicit(Tag tag, byte[] value, int depth, SpecificCharacterSet cs)
            throws IOException {
        DicomReader nested = new DicomReader(new DicomInput(new ByteArrayInputStream(value), value.length, options));
        nested.elementCount = elementCount;
        List<DicomObject> items = nested.readItems(tag, Encoding.IMPLICIT_LE, depth, value.length, cs);
        elementCount = nested.elementCount;
        return items;
    }

    private List<DicomObject> readItems(Tag seqTag, Encoding enc, int depth, long end, SpecificCharacterSet cs)
            throws IOException {
        if (depth + 1 > options.maxDepth()) {
            throw new DicomLimitException("sequences nested deeper than " + options.maxDepth() + " levels at "
                    + describe(seqTag));
        }
        List<DicomObject> items = new ArrayList<>();
        while (true) {
            if (end != UNDEFINED) {
                if (in.position() == end) {
                    break;
                }
                if (in.position() > end) {
                    throw new DicomFormatException("an item overruns sequence " + describe(seqTag) + " at byte "
                            + in.position());
                }
            }
            long start = in.position();
            in.readFully(header, 0, 8, "an item header in sequence " + describe(seqTag));
            int code = (u16(header, 0, enc.bigEndian()) << 16) | u16(header, 2, enc.bigEndian());
            long len = u32(header, 4, enc.bigEndian());
            if (code == SEQUENCE_END) {
                if (end == UNDEFINED) {
                    break;
                }
                continue; // tolerated in a defined-length sequence: it only ends early
            }
            if (code != ITEM) {
                throw new DicomFormatException("expected an item in sequence " + describe(seqTag) + " at byte " + start
                        + ", found " + Tag.of(code));
            }
            count();
            if (len == 0xFFFFFFFFL) {
                items.add(readDataset(enc, depth + 1, UNDEFINED, cs, false));
            } else {
                in.checkLength(len, "an item of " + describe(seqTag));
                long itemEnd = in.position() + len;
                if (end != UNDEFINED && itemEnd > end) {
                    throw new DicomFormatException("an item of " + len + " bytes overruns sequence " + describe(seqTag)
                            + " at byte " + start);
                }
                items.add(readDataset(enc, depth + 1, itemEnd, cs, false));
            }
        }
        return items;
    }

    private DicomElement readFragments(Tag tag, VR vr, Encoding enc) throws IOException {
        byte[] offsetTable = null;
        List<byte[]> fragments = new ArrayList<>();
        while (true) {
            long start = in.position();
            in.readFully(header, 0, 8, "a pixel data item header");
            int code = (u16(header, 0, enc.bigEndian()) << 16) | u16(header, 2, enc.bigEndian());
            long len = u32(header, 4, enc.bigEndian());
            if (code == SEQUENCE_END) {
                break;
            }
            if (code != ITEM) {
                throw new DicomFormatException("expected a pixel data fragment at byte " + start + ", found "
                        + Tag.of(code));
            }
            if (len == 0xFFFFFFFFL) {
                throw new DicomFormatException("pixel data fragment of undefined length at byte " + start);
            }
            count();
            byte[] value = in.readValue(len, "a pixel data fragment");
            if (offsetTable == null) {
                offsetTable = value;
            } else {
                fragments.add(value);
            }
        }
        if (offsetTable == null) {
            throw new DicomFormatException("encapsulated pixel data without a basic offset table item");
        }
        return new DicomElement.Fragments(tag, vr, offsetTable, fragments, true);
    }

    private static DicomElement toElement(Tag tag, VR vr, byte[] value, boolean bigEndian, SpecificCharacterSet cs) {
        if (vr.isText()) {
            SpecificCharacterSet set = vr.usesCharacterSet() ? cs : SpecificCharacterSet.DEFAULT;
            int len = value.length;
            while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == 0)) {
                len--;
            }
            return new DicomElement.Text(tag, vr, set.decode(value, 0, len));
        }
        if (bigEndian && vr.unitSize() > 1) {
            swap(value, vr.unitSize());
        }
        return new DicomElement.Binary(tag, vr, value, true);
    }

    static void swap(byte[] b, int unit) {
        int n = b.length - b.length % unit;
        for (int i = 0; i < n; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    private void count() throws DicomLimitException {
        if (++elementCount > options.maxElements()) {
            throw new DicomLimitException("more than " + options.maxElements() + " elements and items");
        }
    }

    private static void add(List<DicomElement> out, DicomElement e) {
        out.add(e);
    }

    private static DicomObject build(List<DicomElement> elements) {
        for (int i = 1; i < elements.size(); i++) {
            if (elements.get(i - 1).tag().compareTo(elements.get(i).tag()) >= 0) {
                // Out of order or repeated (invalid but seen): sort, the last one read wins.
                DicomObject.Builder b = DicomObject.builder();
                elements.forEach(b::put);
                return b.build();
            }
        }
        return DicomObject.ofSorted(elements);
    }

    private static String describe(Tag tag) {
        return DicomAttributeException.describe(tag);
    }

    private static boolean isUpper(byte b) {
        return b >= 'A' && b <= 'Z';
    }

    private static String hex(byte b) {
        return String.format("%02X", b & 0xFF);
    }

    static int u16(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF) : (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    static long u32(byte[] b, int off, boolean bigEndian) {
        long v = bigEndian
                ? ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF)
                : (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16) | ((b[off + 3] & 0xFFL) << 24);
        return v;
    }
}
