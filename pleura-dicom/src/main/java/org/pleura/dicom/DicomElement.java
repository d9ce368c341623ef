package org.pleura.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a {@link DicomObject}: its tag, its VR and its value, which is one of four
 * shapes. Every shape is immutable.
 *
 * <ul>
 *   <li>{@link Text}: character strings, decoded with the data set's Specific Character Set
 *       (trailing padding removed; several values are separated by a backslash);</li>
 *   <li>{@link Binary}: numbers and byte strings (US, SL, FD, OB, OW, UN...), held in little-endian
 *       byte order whatever the transfer syntax;</li>
 *   <li>{@link Sequence}: items, each a {@code DicomObject};</li>
 *   <li>{@link Fragments}: encapsulated Pixel Data, the basic offset table then the fragments.</li>
 * </ul>
 */
public sealed interface DicomElement permits DicomElement.Text, DicomElement.Binary, DicomElement.Sequence,
        DicomElement.Fragments {

    /** The attribute tag. */
    Tag tag();

    /** The value representation. */
    VR vr();

    /** True when the value is empty (zero length, no items, no fragments). */
    boolean isEmpty();

    /**
     * A character string value.
     *
     * @param value the decoded text, without trailing padding; backslash separates values
     */
    record Text(Tag tag, VR vr, String value) implements DicomElement {
        public Text {
            Objects.requireNonNull(tag);
            Objects.requireNonNull(value);
            if (!vr.isText()) {
                throw new IllegalArgumentException(vr + " is not a text VR (" + tag + ")");
            }
        }

        @Override
        public boolean isEmpty() {
            return value.isEmpty();
        }

        /**
         * The values, split on backslash (except for LT, ST, UT, UR, which have one value) and
         * trimmed as the VR allows. An empty string gives an empty list.
         */
        public List<String> values() {
            if (value.isEmpty()) {
                return List.of();
            }
            if (!vr.isMultiValuedText()) {
                return List.of(trim(value));
            }
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= value.length(); i++) {
                if (i == value.length() || value.charAt(i) == '\\') {
                    out.add(trim(value.substring(start, i)));
                    start = i + 1;
                }
            }
            return List.copyOf(out);
        }

        private String trim(String s) {
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
                end--;
            }
            int begin = 0;
            if (!vr.keepsLeadingSpaces()) {
                while (begin < end && s.charAt(begin) == ' ') {
                    begin++;
                }
            }
            return s.substring(begin, end);
        }
    }

    /**
     * A binary value (numbers of {@link VR#unitSize()} bytes, or opaque bytes), little endian.
     * The array is copied in and out; {@link #buffer()} reads it without copying.
     */
    final class Binary implements DicomElement {
        private final Tag tag;
        private final VR vr;
        private final byte[] value;

        /** A binary element; {@code littleEndianBytes} is copied. */
        public Binary(Tag tag, VR vr, byte[] littleEndianBytes) {
            this(tag, vr, littleEndianBytes.clone(), true);
        }

        Binary(Tag tag, VR vr, byte[] bytes, boolean owned) {
            this.tag = Objects.requireNonNull(tag);
            this.vr = Objects.requireNonNull(vr);
            if (!vr.isBinary()) {
                throw new IllegalArgumentException(vr + " is not a binary VR (" + tag + ")");
            }
            this.value = bytes;
        }

        @Override
        public Tag tag() {
            return tag;
        }

        @Override
        public VR vr() {
            return vr;
        }

        @Override
        public boolean isEmpty() {
            return value.length == 0;
        }

        /** Length of the value in bytes. */
        public int length() {
            return value.length;
        }

        /** A copy of the value bytes, little endian. */
        public byte[] bytes() {
            return value.clone();
        }

        /** The value as a read-only little-endian buffer (no copy). */
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(value).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Number of numbers held: length / unit size (bytes for OB and UN). */
        public int count() {
            return value.length / Math.max(1, vr.unitSize());
        }

        byte[] array() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && tag.equals(b.tag) && vr == b.vr && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, vr, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return "Binary[" + tag + " " + vr + " " + value.length + " bytes]";
        }
    }

    /**
     * A sequence of items (VR SQ; also a UN element of undefined length, which PS3.5 says is an
     * implicit VR little endian sequence).
     */
    record Sequence(Tag tag, List<DicomObject> items) implements DicomElement {
        public Sequence {
            Objects.requireNonNull(tag);
            items = List.copyOf(items);
        }

        @Override
        public VR vr() {
            return VR.SQ;
        }

        @Override
        public boolean isEmpty() {
            return items.isEmpty();
        }
    }

    /**
     * Encapsulated Pixel Data (PS3.5 section A.4): the Basic Offset Table item (possibly empty)
     * then one or more fragments of compressed data. Arrays are copied in and out; use {@link
     * #fragmentBuffer(int)} to read without copying.
     */
    final class Fragments implements DicomElement {
        private final Tag tag;
        private final VR vr;
        private final byte[] offsetTable;
        private final List<byte[]> fragments;

        /**
         * Encapsulated data; arrays are copied.
         *
         * @param offsetTable the Basic Offset Table item value (little-endian 32-bit offsets), may be empty
         * @param fragments   the fragments after it
         */
        public Fragments(Tag tag, VR vr, byte[] offsetTable, List<byte[]> fragments) {
            this(tag, vr, offsetTable.clone(), fragments.stream().map(byte[]::clone).toList(), true);
        }

        Fragments(Tag tag, VR vr, byte[] offsetTable, List<byte[]> fragments, boolean owned) {
            this.tag = Objects.requireNonNull(tag);
            this.vr = Objects.requireNonNull(vr);
            this.offsetTable = offsetTable;
            this.fragments = List.copyOf(fragments);
        }

        @Override
        public Tag tag() {
            return tag;
        }

        @Override
        public VR vr() {
            return vr;
        }

        @Override
        public boolean isEmpty() {
            return fragments.isEmpty();
        }

        /** The Basic Offset Table as byte offsets (unsigned 32-bit), empty when the table is empty. */
        public long[] offsets() {
            ByteBuffer b = ByteBuffer.wrap(offsetTable).order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[offsetTable.length / 4];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getInt(i * 4) & 0xFFFFFFFFL;
            }
            return out;
        }

        /** The Basic Offset Table item value as bytes (a copy). */
        public byte[] offsetTableBytes() {
            return offsetTable.clone();
        }

        /** Number of fragments (not counting the offset table). */
        public int fragmentCount() {
            return fragments.size();
        }

        /** A copy of fragment {@code index}. */
        public byte[] fragment(int index) {
            return fragments.get(index).clone();
        }

        /** Fragment {@code index} as a read-only buffer (no copy). */
        public ByteBuffer fragmentBuffer(int index) {
            return ByteBuffer.wrap(fragments.get(index)).asReadOnlyBuffer();
        }

        /** Length of fragment {@code index} in bytes. */
        public int fragmentLength(int index) {
            return fragments.get(index).length;
        }

        List<byte[]> fragmentArrays() {
            return fragments;
        }

        byte[] offsetTableArray() {
            return offsetTable;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Fragments f) || !tag.equals(f.tag) || vr != f.vr
                    || !Arrays.equals(offsetTable, f.offsetTable) || fragments.size() != f.fragments.size()) {
                return false;
            }
            for (int i = 0; i < fragments.size(); i++) {
                if (!Arrays.equals(fragments.get(i), f.fragments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = Objects.hash(tag, vr, Arrays.hashCode(offsetTable));
            for (byte[] f : fragments) {
                h = 31 * h + Arrays.hashCode(f);
            }
            return h;
        }

        @Override
        public String toString() {
            return "Fragments[" + tag + " " + vr + " " + fragments.size() + " fragments]";
        }
    }
}
