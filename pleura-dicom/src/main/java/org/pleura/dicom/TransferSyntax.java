package org.pleura.dicom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transfer syntax: how a data set is encoded (byte order, explicit or implicit VR, deflated) and
 * whether its Pixel Data is encapsulated (compressed frames in fragments).
 *
 * <p>{@link #of(String)} never fails: a UID Pleura does not know is, as PS3.5 section 10 requires
 * of every transfer syntax other than the three native ones, read as explicit VR little endian
 * with encapsulated Pixel Data; only decoding its pixels is refused.
 *
 * @param uid          the transfer syntax UID
 * @param name         its name from PS3.6, or "Unknown transfer syntax"
 * @param bigEndian    data set in big-endian byte order (only Explicit VR Big Endian)
 * @param explicitVr   VR written in every element header
 * @param deflated     data set compressed with raw deflate (RFC 1951) after the file meta group
 * @param encapsulated Pixel Data (7FE0,0010) holds fragments rather than native samples
 * @param known        listed in Pleura's table of transfer syntaxes
 */
public record TransferSyntax(String uid, String name, boolean bigEndian, boolean explicitVr, boolean deflated,
                             boolean encapsulated, boolean known) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            nativeTs("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            nativeTs("1.2.840.10008.1.2.1", "Explicit VR Little Endian", false, true, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            nativeTs("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", false, true, true);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            nativeTs("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false);
    public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED =
            encapsulatedTs("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian");
    public static final TransferSyntax JPEG_BASELINE = encapsulatedTs("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)");
    public static final TransferSyntax JPEG_EXTENDED = encapsulatedTs("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)");
    public static final TransferSyntax JPEG_LOSSLESS =
            encapsulatedTs("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    public static final TransferSyntax JPEG_LOSSLESS_SV1 = encapsulatedTs("1.2.840.10008.1.2.4.70",
            "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])");
    public static final TransferSyntax JPEG_LS_LOSSLESS = encapsulatedTs("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless");
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS =
            encapsulatedTs("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)");
    public static final TransferSyntax JPEG_2000_LOSSLESS = encapsulatedTs("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)");
    public static final TransferSyntax JPEG_2000 = encapsulatedTs("1.2.840.10008.1.2.4.91", "JPEG 2000");
    public static final TransferSyntax JPEG_2000_PART2_LOSSLESS =
            encapsulatedTs("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)");
    public static final TransferSyntax JPEG_2000_PART2 = encapsulatedTs("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component");
    public static final TransferSyntax HTJ2K_LOSSLESS = encapsulatedTs("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)");
    public static final TransferSyntax HTJ2K_LOSSLESS_RPCL =
            encapsulatedTs("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)");
    public static final TransferSyntax HTJ2K = encapsulatedTs("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000");
    public static final TransferSyntax RLE_LOSSLESS = encapsulatedTs("1.2.840.10008.1.2.5", "RLE Lossless");
    public static final TransferSyntax DEFLATED_IMAGE_FRAME =
            encapsulatedTs("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression");
    public static final TransferSyntax MPEG2_MAIN = encapsulatedTs("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level");
    public static final TransferSyntax MPEG4_HP41 = encapsulatedTs("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1");
    public static final TransferSyntax HEVC_MAIN = encapsulatedTs("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1");

    private static final Map<String, TransferSyntax> KNOWN = new LinkedHashMap<>();

    static {
        for (TransferSyntax ts : List.of(IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN,
                DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, ENCAPSULATED_UNCOMPRESSED, JPEG_BASELINE,
                JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS,
                JPEG_2000_LOSSLESS, JPEG_2000, JPEG_2000_PART2_LOSSLESS, JPEG_2000_PART2, HTJ2K_LOSSLESS,
                HTJ2K_LOSSLESS_RPCL, HTJ2K, RLE_LOSSLESS, DEFLATED_IMAGE_FRAME, MPEG2_MAIN, MPEG4_HP41, HEVC_MAIN)) {
            KNOWN.put(ts.uid(), ts);
        }
    }

    private static TransferSyntax nativeTs(String uid, String name, boolean bigEndian, boolean explicitVr,
                                           boolean deflated) {
        return new TransferSyntax(uid, name, bigEndian, explicitVr, deflated, false, true);
    }

    private static TransferSyntax encapsulatedTs(String uid, String name) {
        return new TransferSyntax(uid, name, false, true, false, true, true);
    }

    /**
     * The transfer syntax with this UID (trailing spaces and NULs ignored). An unknown UID gives an
     * explicit VR little endian, encapsulated syntax with {@code known == false}.
     */
    public static TransferSyntax of(String uid) {
        String u = trimUid(uid);
        TransferSyntax ts = KNOWN.get(u);
        return ts != null ? ts : new TransferSyntax(u, "Unknown transfer syntax", false, true, false, true, false);
    }

    /** The known transfer syntax with this UID, if any. */
    public static Optional<TransferSyntax> find(String uid) {
        return Optional.ofNullable(KNOWN.get(trimUid(uid)));
    }

    /** Every transfer syntax Pleura knows by name. */
    public static List<TransferSyntax> all() {
        return List.copyOf(KNOWN.values());
    }

    /** True for the three native (uncompressed) syntaxes and deflated explicit VR little endian. */
    public boolean isNative() {
        return !encapsulated;
    }

    private static String trimUid(String uid) {
        String u = uid == null ? "" : uid;
        int end = u.length();
        while (end > 0 && (u.charAt(end - 1) == ' ' || u.charAt(end - 1) == 0)) {
            end--;
        }
        return u.substring(0, end).strip();
    }

    /** "name (uid)", e.g. "RLE Lossless (1.2.840.10008.1.2.5)". */
    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
