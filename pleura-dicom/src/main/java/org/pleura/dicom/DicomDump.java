package org.pleura.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A text dump of DICOM attributes, one element per line, in the style of dcmtk's {@code dcmdump}:
 * <pre>
 * (0010,0010) PN [Doe^John]                               #   8, 1 PatientName
 * (0008,1140) SQ (Sequence #=1)                           #   1 item ReferencedImageSequence
 *   (fffe,e000) na (Item #=2)                             #   2 elements Item
 *     (0008,1150) UI =CTImageStorage                      #  26, 1 ReferencedSOPClassUID
 * </pre>
 * Values longer than {@value #MAX_VALUE_CHARS} characters are cut with "..."; the length column
 * is the value length in bytes as it would be written (text padded to even length).
 */
public final class DicomDump {

    /** Longest value shown before it is cut. */
    public static final int MAX_VALUE_CHARS = 64;
    private static final int COMMENT_COLUMN = 56;

    private DicomDump() {
    }

    /** The dump of a file: its meta group, then its data set, with dcmdump's section headers. */
    public static String format(DicomFile file) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n# Dicom-File-Format\n\n");
        if (file.hasFileMeta()) {
            sb.append("# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n");
            append(sb, file.fileMeta(), 0, SpecificCharacterSet.DEFAULT);
            sb.append('\n');
        }
        sb.append("# Dicom-Data-Set\n# Used TransferSyntax: ").append(file.transferSyntax().name()).append('\n');
        append(sb, file.dataset(), 0, SpecificCharacterSet.DEFAULT);
        return sb.toString();
    }

    /** The dump of one attribute set (no section headers). */
    public static String format(DicomObject object) {
        StringBuilder sb = new StringBuilder();
        append(sb, object, 0, SpecificCharacterSet.DEFAULT);
        return sb.toString();
    }

    /** Writes the dump of a file to {@code out}. */
    public static void write(DicomFile file, Appendable out) throws IOException {
        out.append(format(file));
    }

    private static void append(StringBuilder sb, DicomObject ds, int depth, SpecificCharacterSet inherited) {
        List<String> terms = ds.getStrings(Tag.SpecificCharacterSet);
        SpecificCharacterSet cs = terms.isEmpty() ? inherited : SpecificCharacterSet.of(terms);
        for (DicomElement e : ds) {
            appendElement(sb, e, depth, cs);
        }
    }

    private static void appendElement(StringBuilder sb, DicomElement e, int depth, SpecificCharacterSet cs) {
        String name = name(e.tag());
        if (e instanceof DicomElement.Sequence s) {
            line(sb, depth, e.tag(), "SQ", "(Sequence #=" + s.items().size() + ")",
                    s.items().size() + (s.items().size() == 1 ? " item " : " items ") + name);
            for (DicomObject item : s.items()) {
                line(sb, depth + 1, Tag.Item, "na", "(Item #=" + item.size() + ")",
                        item.size() + (item.size() == 1 ? " element" : " elements") + " Item");
                append(sb, item, depth + 2, cs);
                line(sb, depth + 1, Tag.ItemDelimitationItem, "na", "(ItemDelimitationItem)", "  0, 0 ItemDelimitationItem");
            }
            line(sb, depth, Tag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)",
                    "  0, 0 SequenceDelimitationItem");
            return;
        }
        if (e instanceof DicomElement.Fragments f) {
            line(sb, depth, e.tag(), e.vr().name(), "(PixelSequence #=" + (f.fragmentCount() + 1) + ")", "u/l, 1 " + name);
            byte[] bot = f.offsetTableBytes();
            line(sb, depth + 1, Tag.Item, "pi", bot.length == 0 ? "(no value available)" : hex(ByteBuffer.wrap(bot), 1),
                    String.format("%3d, 1 Item", bot.length));
            for (int i = 0; i < f.fragmentCount(); i++) {
                line(sb, depth + 1, Tag.Item, "pi", hex(f.fragmentBuffer(i), 1),
                        String.format("%3d, 1 Item", f.fragmentLength(i) + (f.fragmentLength(i) & 1)));
            }
            line(sb, depth, Tag.SequenceDelimitationItem, "na", "(SequenceDelimitationItem)",
                    "  0, 0 SequenceDelimitationItem");
            return;
        }
        String value;
        int length;
        int vm;
        if (e instanceof DicomElement.Text t) {
            byte[] bytes = t.vr().usesCharacterSet() ? cs.encode(t.value()) : t.value().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            length = bytes.length + (bytes.length & 1);
            vm = t.values().size();
            if (t.value().isEmpty()) {
                value = "(no value available)";
            } else if (t.vr() == VR.UI && vm == 1 && UID.nameOf(t.value().strip()).isPresent()
                    && !UID.nameOf(t.value().strip()).get().contains(" ")) {
                value = "=" + UID.nameOf(t.value().strip()).get();
            } else {
                value = "[" + cut(t.value()) + "]";
            }
        } else {
            DicomElement.Binary b = (DicomElement.Binary) e;
            length = b.length() + (b.length() & 1);
            VR vr = b.vr();
            if (b.isEmpty()) {
                value = "(no value available)";
                vm = 0;
            } else if (vr == VR.OB || vr == VR.UN || vr == VR.OW || vr == VR.OL || vr == VR.OV
                    || vr == VR.OF || vr == VR.OD) {
                value = hex(b.buffer(), vr == VR.OB || vr == VR.UN ? 1 : vr.unitSize());
                vm = 1;
            } else if (vr == VR.FL || vr == VR.FD) {
                ByteBuffer buf = b.buffer();
                int unit = vr.unitSize();
                List<String> values = new java.util.ArrayList<>();
                for (int i = 0; i + unit <= b.length(); i += unit) {
                    values.add(vr == VR.FL ? formatG(buf.getFloat(i), 8) : formatG(buf.getDouble(i), 17));
                }
                vm = values.size();
                value = cut(String.join("\\", values));
            } else {
                List<String> values = BinaryValues.toStrings(b);
                vm = values.size();
                value = cut(String.join("\\", values));
            }
        }
        line(sb, depth, e.tag(), e.vr().name(), value, String.format("%3d, %d %s", length, vm, name));
    }

    /** Like C's printf("%.{precision}g"), as dcmdump prints FL and FD values. */
    static String formatG(double v, int precision) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(precision));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            String digits = d.unscaledValue().abs().toString().replaceAll("0+$", "");
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (v < 0 ? "-" : "") + mantissa + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = d.toPlainString();
        if (plain.contains(".")) {
            plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return plain;
    }

    private static void line(StringBuilder sb, int depth, Tag tag, String vr, String value, String comment) {
        int start = sb.length();
        sb.append("  ".repeat(depth));
        sb.append(String.format("(%04x,%04x) ", tag.group(), tag.element())).append(vr).append(' ').append(value);
        int width = sb.length() - start;
        int pad = Math.max(1, COMMENT_COLUMN + 2 * depth - width);
        sb.append(" ".repeat(pad)).append("# ").append(comment).append('\n');
    }

    private static String name(Tag tag) {
        String k = tag.keyword();
        return k.isEmpty() ? "Unknown Tag & Data" : k;
    }

    private static String cut(String s) {
        String oneLine = s.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > MAX_VALUE_CHARS ? oneLine.substring(0, MAX_VALUE_CHARS) + "..." : oneLine;
    }

    private static String hex(ByteBuffer b, int unit) {
        ByteBuffer buf = b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        StringBuilder sb = new StringBuilder();
        int n = buf.remaining() / unit;
        for (int i = 0; i < n && sb.length() < MAX_VALUE_CHARS; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            int p = buf.position() + i * unit;
            switch (unit) {
                case 2 -> sb.append(String.format("%04x", buf.getShort(p) & 0xFFFF));
                case 4 -> sb.append(String.format("%08x", buf.getInt(p)));
                case 8 -> sb.append(String.format("%016x", buf.getLong(p)));
                default -> sb.append(String.format("%02x", buf.get(p) & 0xFF));
            }
        }
        if (sb.length() >= MAX_VALUE_CHARS && n > 0) {
            sb.append("...");
        }
        return sb.toString();
    }
}
