package org.pleura.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The character repertoire of a data set, from Specific Character Set (0008,0005): decodes and
 * encodes the text VRs that depend on it (SH, LO, ST, LT, UC, UT, PN).
 *
 * <p>Supported: the default repertoire, the single-byte ISO 8859 sets (ISO_IR 100, 101, 109, 110,
 * 144, 127, 126, 138, 148, 203), ISO_IR 166 (Thai), ISO_IR 13 (JIS X 0201), ISO_IR 192 (UTF-8),
 * GB18030 and GBK, and the ISO 2022 forms of those single-byte sets. Japanese ISO 2022 (IR 87,
 * 159) is decoded through Java's ISO-2022-JP; for the other ISO 2022 forms the escape sequences
 * are dropped and the bytes decoded with the declared set. An unknown term falls back to ISO 8859-1, which is
 * lossless for reading and rewriting. The default repertoire is also read as ISO 8859-1, so
 * undeclared Latin-1 bytes (common in the wild) survive a round trip.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (no (0008,0005)), read leniently as ISO 8859-1. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.ISO_8859_1, "");

    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("ISO_IR 6", "ISO-8859-1"), Map.entry("ISO 2022 IR 6", "ISO-8859-1"),
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO 2022 IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO 2022 IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO 2022 IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO 2022 IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO 2022 IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO 2022 IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO 2022 IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO 2022 IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO 2022 IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO 2022 IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO 2022 IR 166", "TIS-620"),
            Map.entry("ISO_IR 13", "JIS_X0201"), Map.entry("ISO 2022 IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"),
            Map.entry("ISO 2022 IR 87", "ISO-2022-JP"), Map.entry("ISO 2022 IR 159", "ISO-2022-JP"),
            Map.entry("ISO 2022 IR 149", "EUC-KR"), Map.entry("ISO 2022 IR 58", "GB2312"));

    private final Charset charset;
    private final String declared;

    private SpecificCharacterSet(Charset charset, String declared) {
        this.charset = charset;
        this.declared = declared;
    }

    /** The character set declared by the values of (0008,0005); the first usable term decides. */
    public static SpecificCharacterSet of(List<String> terms) {
        if (terms.isEmpty()) {
            return DEFAULT;
        }
        String joined = String.join("\\", terms);
        // A Japanese or Korean ISO 2022 declaration lists the multi-byte set second.
        for (String t : terms) {
            String name = JAVA_NAMES.get(t.strip().toUpperCase(Locale.ROOT));
            if (name != null && (name.equals("ISO-2022-JP") || name.equals("EUC-KR") || name.equals("GB2312"))) {
                return new SpecificCharacterSet(charset(name), joined);
            }
        }
        for (String t : terms) {
            String name = JAVA_NAMES.get(t.strip().toUpperCase(Locale.ROOT));
            if (name != null) {
                return new SpecificCharacterSet(charset(name), joined);
            }
        }
        return new SpecificCharacterSet(StandardCharsets.ISO_8859_1, joined);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** The Java charset used. */
    public Charset charset() {
        return charset;
    }

    /** The declared value of (0008,0005), "" for the default repertoire. */
    public String declared() {
        return declared;
    }

    /** Decodes text bytes. */
    public String decode(byte[] b, int off, int len) {
        boolean iso2022 = declared.contains("ISO 2022") && !charset.name().equals("ISO-2022-JP");
        if (iso2022 || charset.name().equals("EUC-KR") || charset.name().equals("GB2312")) {
            return new String(stripEscapes(b, off, len), charset);
        }
        return new String(b, off, len, charset);
    }

    /** Encodes text (characters outside the repertoire become '?'). */
    public byte[] encode(String s) {
        return s.getBytes(charset);
    }

    private static byte[] stripEscapes(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        int n = 0;
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0x1B) { // ESC then intermediate bytes 0x20-0x2F then a final byte
                i++;
                while (i < off + len && b[i] >= 0x20 && b[i] <= 0x2F) {
                    i++;
                }
                continue;
            }
            out[n++] = b[i];
        }
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public String toString() {
        return declared.isEmpty() ? "default repertoire" : declared + " (" + charset.name() + ")";
    }
}
