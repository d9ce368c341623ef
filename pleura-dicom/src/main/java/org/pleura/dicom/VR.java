package org.pleura.dicom;

/**
 * DICOM value representations (PS3.5 section 6.2) with what the codec needs to know about each:
 * the explicit-VR header length, how values are stored (text, binary numbers of a given width,
 * sequence), the padding byte and whether text is affected by the Specific Character Set.
 *
 * <p>Binary values in a {@link DicomObject} are always held in little-endian byte order; {@link
 * #unitSize()} is the width of the number swapped when reading or writing big-endian data.
 */
public enum VR {
    AE(Kind.TEXT, 0, false), AS(Kind.TEXT, 0, false), AT(Kind.BINARY, 2, false),
    CS(Kind.TEXT, 0, false), DA(Kind.TEXT, 0, false), DS(Kind.TEXT, 0, false),
    DT(Kind.TEXT, 0, false), FL(Kind.BINARY, 4, false), FD(Kind.BINARY, 8, false),
    IS(Kind.TEXT, 0, false), LO(Kind.TEXT, 0, false), LT(Kind.TEXT, 0, false),
    OB(Kind.BINARY, 1, true), OD(Kind.BINARY, 8, true), OF(Kind.BINARY, 4, true),
    OL(Kind.BINARY, 4, true), OV(Kind.BINARY, 8, true), OW(Kind.BINARY, 2, true),
    PN(Kind.TEXT, 0, false), SH(Kind.TEXT, 0, false), SL(Kind.BINARY, 4, false),
    SQ(Kind.SEQUENCE, 0, true), SS(Kind.BINARY, 2, false), ST(Kind.TEXT, 0, false),
    SV(Kind.BINARY, 8, true), TM(Kind.TEXT, 0, false), UC(Kind.TEXT, 0, true),
    UI(Kind.TEXT, 0, false), UL(Kind.BINARY, 4, false), UN(Kind.BINARY, 1, true),
    UR(Kind.TEXT, 0, true), US(Kind.BINARY, 2, false), UT(Kind.TEXT, 0, true),
    UV(Kind.BINARY, 8, true);

    /** How a value of this VR is held. */
    public enum Kind {
        /** Character string, decoded to a Java {@code String}. */
        TEXT,
        /** Bytes: numbers of {@link #unitSize()} bytes each, or opaque bytes. */
        BINARY,
        /** A sequence of items, each a {@link DicomObject}. */
        SEQUENCE
    }

    private final Kind kind;
    private final int unitSize;
    private final boolean longHeader;

    VR(Kind kind, int unitSize, boolean longHeader) {
        this.kind = kind;
        this.unitSize = unitSize;
        this.longHeader = longHeader;
    }

    /** Text, binary or sequence. */
    public Kind kind() {
        return kind;
    }

    /** Width in bytes of one binary number (byte-swapped in big endian), 0 for text and SQ. */
    public int unitSize() {
        return unitSize;
    }

    /**
     * True when the explicit VR header is 12 bytes (2 reserved bytes and a 32-bit length), false
     * when it is 8 bytes with a 16-bit length (values up to 65534 bytes).
     */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** True for character strings. */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** True for binary values (numbers, OB/OW and friends, UN). */
    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /** True for text whose bytes depend on Specific Character Set (0008,0005). */
    public boolean usesCharacterSet() {
        return this == SH || this == LO || this == ST || this == LT || this == UC || this == UT || this == PN;
    }

    /** True for text that may hold several values separated by a backslash. */
    public boolean isMultiValuedText() {
        return isText() && this != LT && this != ST && this != UT && this != UR;
    }

    /**
     * True when only trailing spaces are insignificant (leading spaces are part of the value):
     * LT, ST, UT, UR. For other text VRs leading and trailing spaces are both insignificant.
     */
    public boolean keepsLeadingSpaces() {
        return this == LT || this == ST || this == UT || this == UR;
    }

    /** Byte used to pad a value to even length: NUL for UI and binary values, space for text. */
    public byte paddingByte() {
        return (this == UI || kind != Kind.TEXT) ? 0 : (byte) ' ';
    }

    /** Explicit VR code as two ASCII bytes packed big-endian into a short, e.g. 'P','N'. */
    public int code() {
        String n = name();
        return (n.charAt(0) << 8) | n.charAt(1);
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    /** The VR with the given two-byte code (first character in the high byte), or null if none. */
    public static VR ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The VR named {@code name} (case-sensitive, e.g. "PN"), or null if none. */
    public static VR ofName(String name) {
        if (name == null || name.length() != 2) {
            return null;
        }
        return ofCode((name.charAt(0) << 8) | name.charAt(1));
    }
}
