package org.pleura.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An immutable DICOM attribute set (a data set, a sequence item, a command set or the file meta
 * group): elements ordered by tag, each a {@link DicomElement}. Build one with {@link #builder()}
 * or change a copy with {@link #toBuilder()}.
 *
 * <pre>{@code
 * DicomObject item = DicomObject.builder()
 *         .putString(Tag.CodeValue, "36118008")
 *         .putString(Tag.CodingSchemeDesignator, "SCT")
 *         .putString(Tag.CodeMeaning, "Pneumothorax")
 *         .build();
 * DicomObject ds = DicomObject.builder()
 *         .putString(Tag.PatientName, "Doe^John")
 *         .putInt(Tag.Rows, 2048)
 *         .putSequence(Tag.ConceptNameCodeSequence, item)
 *         .build();
 * int rows = ds.getInt(Tag.Rows);                      // 2048, or DicomAttributeException if absent
 * Optional<String> sex = ds.optString(Tag.PatientSex); // empty
 * }</pre>
 *
 * <p>Getter families: {@code getX(tag)} throws {@link DicomAttributeException} when the attribute
 * is absent, empty or malformed; {@code getX(tag, default)} and {@code optX(tag)} give the default
 * or empty when it is absent or empty, and still throw when it is present but malformed; plural
 * getters ({@code getStrings}, {@code getInts}, {@code getDoubles}, {@code getSequence}) return an
 * empty result when absent. Numeric getters accept binary numeric VRs and the IS/DS strings.
 */
public final class DicomObject implements Iterable<DicomElement> {

    private static final DicomObject EMPTY = new DicomObject(new DicomElement[0]);

    private final DicomElement[] elements;
    private final int[] codes;

    private DicomObject(DicomElement[] sorted) {
        this.elements = sorted;
        this.codes = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            codes[i] = sorted[i].tag().code() ^ Integer.MIN_VALUE; // signed order == unsigned tag order
        }
    }

    /** The empty attribute set. */
    public static DicomObject empty() {
        return EMPTY;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this object's elements, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (DicomElement e : elements) {
            b.put(e);
        }
        return b;
    }

    // ---------------------------------------------------------------- structure

    /** Number of elements (top level only). */
    public int size() {
        return elements.length;
    }

    /** True when there is no element. */
    public boolean isEmpty() {
        return elements.length == 0;
    }

    /** True when the element is present (even if empty). */
    public boolean contains(Tag tag) {
        return indexOf(tag) >= 0;
    }

    /** The element with this tag, if present. */
    public Optional<DicomElement> get(Tag tag) {
        int i = indexOf(tag);
        return i >= 0 ? Optional.of(elements[i]) : Optional.empty();
    }

    /** The elements in tag order. */
    public List<DicomElement> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    /** The tags in order. */
    public List<Tag> tags() {
        return stream().map(DicomElement::tag).toList();
    }

    /** The elements in tag order, as a stream. */
    public Stream<DicomElement> stream() {
        return Arrays.stream(elements);
    }

    @Override
    public Iterator<DicomElement> iterator() {
        return elements().iterator();
    }

    /** A copy with only the elements whose tag passes the filter (top level). */
    public DicomObject filter(Predicate<Tag> keep) {
        return new DicomObject(Arrays.stream(elements).filter(e -> keep.test(e.tag())).toArray(DicomElement[]::new));
    }

    /** A copy without the given tags, e.g. {@code without(Tag.PixelData)}. */
    public DicomObject without(Tag... tags) {
        List<Tag> drop = Arrays.asList(tags);
        return filter(t -> !drop.contains(t));
    }

    /** A copy without group 0002 (file meta) elements. */
    public DicomObject withoutFileMeta() {
        return filter(t -> t.group() != 2);
    }

    // ---------------------------------------------------------------- strings

    /**
     * The first value as a string (trimmed): text as is, binary numbers in decimal.
     *
     * @throws DicomAttributeException if absent or empty, or a sequence or pixel fragments
     */
    public String getString(Tag tag) throws DicomAttributeException {
        return optString(tag).orElseThrow(() -> missing(tag));
    }

    /** The first value as a string, or {@code defaultValue} when absent or empty. */
    public String getString(Tag tag, String defaultValue) {
        return optString(tag).orElse(defaultValue);
    }

    /** The first value as a string, empty when absent or empty. */
    public Optional<String> optString(Tag tag) {
        List<String> all = getStrings(tag);
        return all.isEmpty() || all.get(0).isEmpty() && all.size() == 1 ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * All values as strings (text split on backslash and trimmed; binary numbers in decimal),
     * empty when absent or when the element is a sequence or pixel fragments.
     */
    public List<String> getStrings(Tag tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return List.of();
        }
        DicomElement e = elements[i];
        if (e instanceof DicomElement.Text t) {
            return t.values();
        }
        if (e instanceof DicomElement.Binary b) {
            return BinaryValues.toStrings(b);
        }
        return List.of();
    }

    // ---------------------------------------------------------------- numbers

    /** The first value as an int. @throws DicomAttributeException if absent, empty or not an int */
    public int getInt(Tag tag) throws DicomAttributeException {
        OptionalInt v = optInt(tag);
        if (v.isEmpty()) {
            throw missing(tag);
        }
        return v.getAsInt();
    }

    /** The first value as an int, or {@code defaultValue} when absent or empty. */
    public int getInt(Tag tag, int defaultValue) throws DicomAttributeException {
        return optInt(tag).orElse(defaultValue);
    }

    /** The first value as an int, empty when absent or empty. */
    public OptionalInt optInt(Tag tag) throws DicomAttributeException {
        long[] v = longs(tag, 1);
        if (v.length == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(toInt(tag, v[0]));
    }

    /** All values as ints, empty when absent. */
    public int[] getInts(Tag tag) throws DicomAttributeException {
        long[] v = longs(tag, Integer.MAX_VALUE);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = toInt(tag, v[i]);
        }
        return out;
    }

    /** The first value as a long (for UL, SV, UV). @throws DicomAttributeException if absent or malformed */
    public long getLong(Tag tag) throws DicomAttributeException {
        OptionalLong v = optLong(tag);
        if (v.isEmpty()) {
            throw missing(tag);
        }
        return v.getAsLong();
    }

    /** The first value as a long, empty when absent or empty. */
    public OptionalLong optLong(Tag tag) throws DicomAttributeException {
        long[] v = longs(tag, 1);
        return v.length == 0 ? OptionalLong.empty() : OptionalLong.of(v[0]);
    }

    /** All values as longs, empty when absent. */
    public long[] getLongs(Tag tag) throws DicomAttributeException {
        return longs(tag, Integer.MAX_VALUE);
    }

    /** The first value as a double. @throws DicomAttributeException if absent, empty or not a number */
    public double getDouble(Tag tag) throws DicomAttributeException {
        OptionalDouble v = optDouble(tag);
        if (v.isEmpty()) {
            throw missing(tag);
        }
        return v.getAsDouble();
    }

    /** The first value as a double, or {@code defaultValue} when absent or empty. */
    public double getDouble(Tag tag, double defaultValue) throws DicomAttributeException {
        return optDouble(tag).orElse(defaultValue);
    }

    /** The first value as a double, empty when absent or empty. */
    public OptionalDouble optDouble(Tag tag) throws DicomAttributeException {
        double[] v = doubles(tag, 1);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /** All values as doubles, empty when absent. */
    public double[] getDoubles(Tag tag) throws DicomAttributeException {
        return doubles(tag, Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- bytes, sequences, fragments

    /**
     * A copy of a binary value (little endian), or the text's bytes in ISO 8859-1 for a text VR.
     *
     * @throws DicomAttributeException if absent, or a sequence or fragments
     */
    public byte[] getBytes(Tag tag) throws DicomAttributeException {
        return optBytes(tag).orElseThrow(() -> missing(tag));
    }

    /** A copy of a binary value (little endian), empty when absent. */
    public Optional<byte[]> optBytes(Tag tag) throws DicomAttributeException {
        int i = indexOf(tag);
        if (i < 0) {
            return Optional.empty();
        }
        DicomElement e = elements[i];
        if (e instanceof DicomElement.Binary b) {
            return Optional.of(b.bytes());
        }
        if (e instanceof DicomElement.Text t) {
            return Optional.of(t.value().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        throw new DicomAttributeException(tag, "is a " + e.vr() + " element, not bytes");
    }

    /**
     * A binary value as a read-only little-endian buffer, without copying.
     *
     * @throws DicomAttributeException if absent or not binary
     */
    public ByteBuffer getBuffer(Tag tag) throws DicomAttributeException {
        int i = indexOf(tag);
        if (i < 0) {
            throw missing(tag);
        }
        if (elements[i] instanceof DicomElement.Binary b) {
            return b.buffer();
        }
        throw new DicomAttributeException(tag, "is a " + elements[i].vr() + " element, not a binary value");
    }

    /**
     * The items of a sequence, empty when absent.
     *
     * @throws DicomAttributeException if the element is present but not a sequence
     */
    public List<DicomObject> getSequence(Tag tag) throws DicomAttributeException {
        int i = indexOf(tag);
        if (i < 0) {
            return List.of();
        }
        if (elements[i] instanceof DicomElement.Sequence s) {
            return s.items();
        }
        if (elements[i].isEmpty()) {
            return List.of();
        }
        throw new DicomAttributeException(tag, "is a " + elements[i].vr() + " element, not a sequence");
    }

    /** The first item of a sequence, empty when the sequence is absent or has no item. */
    public Optional<DicomObject> optItem(Tag tag) throws DicomAttributeException {
        List<DicomObject> items = getSequence(tag);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** Encapsulated pixel data fragments, empty when the element is absent or native. */
    public Optional<DicomElement.Fragments> optFragments(Tag tag) {
        int i = indexOf(tag);
        return i >= 0 && elements[i] instanceof DicomElement.Fragments f ? Optional.of(f) : Optional.empty();
    }

    // ---------------------------------------------------------------- private tags

    /**
     * The tag of a private attribute: finds the block reserved by {@code creator} in odd group
     * {@code group} (a private creator element (gggg,00xx) holding that text) and returns
     * (gggg,xxEE) where EE is {@code elementOffset}. Empty when no such block is reserved.
     */
    public Optional<Tag> privateTag(int group, String creator, int elementOffset) {
        if ((group & 1) == 0 || elementOffset < 0 || elementOffset > 0xFF) {
            throw new IllegalArgumentException("private tags have an odd group and an element offset 00-FF");
        }
        for (int block = 0x10; block <= 0xFF; block++) {
            Tag t = Tag.of(group, block);
            int i = indexOf(t);
            if (i >= 0 && elements[i] instanceof DicomElement.Text tx && tx.values().size() == 1
                    && tx.values().get(0).equals(creator.strip())) {
                return Optional.of(Tag.of(group, (block << 8) | elementOffset));
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- internals

    private int indexOf(Tag tag) {
        return Arrays.binarySearch(codes, tag.code() ^ Integer.MIN_VALUE);
    }

    private static DicomAttributeException missing(Tag tag) {
        return new DicomAttributeException(tag, "is missing or empty");
    }

    private static int toInt(Tag tag, long v) throws DicomAttributeException {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new DicomAttributeException(tag, "value " + v + " does not fit in a 32-bit integer");
        }
        return (int) v;
    }

    private long[] longs(Tag tag, int max) throws DicomAttributeException {
        int i = indexOf(tag);
        if (i < 0) {
            return new long[0];
        }
        DicomElement e = elements[i];
        if (e instanceof DicomElement.Binary b) {
            return BinaryValues.toLongs(b, max);
        }
        if (e instanceof DicomElement.Text t) {
            List<String> values = t.values();
            int n = Math.min(max, values.size());
            long[] out = new long[n];
            for (int k = 0; k < n; k++) {
                out[k] = parseInteger(tag, values.get(k));
            }
            return out;
        }
        throw new DicomAttributeException(tag, "is a " + e.vr() + " element, not a number");
    }

    private double[] doubles(Tag tag, int max) throws DicomAttributeException {
        int i = indexOf(tag);
        if (i < 0) {
            return new double[0];
        }
        DicomElement e = elements[i];
        if (e instanceof DicomElement.Binary b) {
            return BinaryValues.toDoubles(b, max);
        }
        if (e instanceof DicomElement.Text t) {
            List<String> values = t.values();
            int n = Math.min(max, values.size());
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
                out[k] = parseDecimal(tag, values.get(k));
            }
            return out;
        }
        throw new DicomAttributeException(tag, "is a " + e.vr() + " element, not a number");
    }

    private static long parseInteger(Tag tag, String s) throws DicomAttributeException {
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            double d = parseDecimal(tag, s);
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            throw new DicomAttributeException(tag, "value '" + s + "' is not an integer");
        }
    }

    private static double parseDecimal(Tag tag, String s) throws DicomAttributeException {
        try {
            if (s.isEmpty() || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'
                    || c == 'e' || c == 'E')) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DicomAttributeException(tag, "value '" + s + "' is not a number");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DicomObject d && Arrays.equals(elements, d.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }

    @Override
    public String toString() {
        return "DicomObject[" + elements.length + " elements]";
    }

    /**
     * Collects elements, then {@link #build()}s an immutable {@link DicomObject}. Putting a tag
     * again replaces it. Methods without a VR take it from the data dictionary (private tags and
     * unknown tags need the VR). Not thread-safe.
     */
    public static final class Builder {
        private final TreeMap<Tag, DicomElement> map = new TreeMap<>();

        private Builder() {
        }

        /** Adds or replaces an element. */
        public Builder put(DicomElement element) {
            map.put(element.tag(), element);
            return this;
        }

        /** Adds or replaces every element of {@code other}. */
        public Builder putAll(DicomObject other) {
            for (DicomElement e : other.elements) {
                put(e);
            }
            return this;
        }

        /** Removes an element if present. */
        public Builder remove(Tag tag) {
            map.remove(tag);
            return this;
        }

        /** True when an element with this tag has been put. */
        public boolean contains(Tag tag) {
            return map.containsKey(tag);
        }

        /** The element put for this tag, if any. */
        public Optional<DicomElement> get(Tag tag) {
            return Optional.ofNullable(map.get(tag));
        }

        /** Text values with the dictionary VR, joined by backslash. */
        public Builder putString(Tag tag, String... values) {
            return putString(tag, dictionaryVr(tag), values);
        }

        /** Text values of a given text VR, joined by backslash. */
        public Builder putString(Tag tag, VR vr, String... values) {
            return put(new DicomElement.Text(tag, vr, String.join("\\", values)));
        }

        /**
         * Integers with the dictionary VR: US, SS, UL, SL, AT, SV, UV as binary; IS, DS as text;
         * FL, FD as floating point.
         */
        public Builder putInt(Tag tag, int... values) {
            return putInt(tag, dictionaryVr(tag), values);
        }

        /** Integers with a given VR (see {@link #putInt(Tag, int...)}). */
        public Builder putInt(Tag tag, VR vr, int... values) {
            long[] l = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                l[i] = values[i];
            }
            return putLong(tag, vr, l);
        }

        /** Long integers with a given VR (UL, SV, UV, or any VR {@link #putInt} accepts). */
        public Builder putLong(Tag tag, VR vr, long... values) {
            if (vr == VR.IS || vr == VR.DS) {
                String[] s = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    s[i] = Long.toString(values[i]);
                }
                return putString(tag, vr, s);
            }
            if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
                double[] d = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    d[i] = values[i];
                }
                return putDouble(tag, vr, d);
            }
            return put(new DicomElement.Binary(tag, vr, BinaryValues.fromLongs(tag, vr, values), true));
        }

        /** Decimal numbers with the dictionary VR: FL, FD, OF, OD as binary, DS as text. */
        public Builder putDouble(Tag tag, double... values) {
            return putDouble(tag, dictionaryVr(tag), values);
        }

        /** Decimal numbers with a given VR: FL, FD, OF, OD as binary; DS as text of at most 16 characters. */
        public Builder putDouble(Tag tag, VR vr, double... values) {
            if (vr == VR.DS) {
                String[] s = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    s[i] = DecimalStrings.format(values[i]);
                }
                return putString(tag, vr, s);
            }
            return put(new DicomElement.Binary(tag, vr, BinaryValues.fromDoubles(tag, vr, values), true));
        }

        /** A binary value (little endian; copied). */
        public Builder putBytes(Tag tag, VR vr, byte[] littleEndianBytes) {
            return put(new DicomElement.Binary(tag, vr, littleEndianBytes));
        }

        /** A sequence of items. */
        public Builder putSequence(Tag tag, Collection<DicomObject> items) {
            return put(new DicomElement.Sequence(tag, new ArrayList<>(items)));
        }

        /** A sequence of items. */
        public Builder putSequence(Tag tag, DicomObject... items) {
            return putSequence(tag, Arrays.asList(items));
        }

        /** Encapsulated pixel data: Basic Offset Table bytes (may be empty) and fragments (copied). */
        public Builder putFragments(Tag tag, VR vr, byte[] offsetTable, List<byte[]> fragments) {
            return put(new DicomElement.Fragments(tag, vr, offsetTable, fragments));
        }

        /** The immutable object. The builder can still be used afterwards. */
        public DicomObject build() {
            return map.isEmpty() ? EMPTY : new DicomObject(map.values().toArray(DicomElement[]::new));
        }

        private static VR dictionaryVr(Tag tag) {
            return ElementDictionary.vrOf(tag);
        }
    }

    /** Used by the reader: elements already in ascending tag order without duplicates. */
    static DicomObject ofSorted(List<DicomElement> sorted) {
        return sorted.isEmpty() ? EMPTY : new DicomObject(sorted.toArray(DicomElement[]::new));
    }

    /** Little-endian accessor used by package classes. */
    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
