package org.pleura.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in data dictionary: keyword, VR and VM of every standard attribute of PS3.6 (loaded
 * once from the {@code dictionary.tsv} resource generated at build time from dcmtk's dictionary).
 * Used to name tags in dumps and to give a VR to elements read in implicit VR.
 */
public final class ElementDictionary {

    /**
     * One dictionary entry.
     *
     * @param vr      VR as written in the dictionary; lower case means context dependent (xs, ox,
     *                lt, px, up, na)
     * @param vm      value multiplicity, e.g. "1", "1-n", "2-2n"
     * @param keyword PS3.6 keyword (retired ones prefixed RETIRED_)
     */
    public record Entry(String vr, String vm, String keyword) {
        /** The VR an element with this entry gets when the encoding does not say (implicit VR). */
        public VR defaultVR() {
            return switch (vr) {
                case "xs" -> VR.US;
                case "ox", "lt", "px" -> VR.OW;
                case "up" -> VR.UL;
                case "na" -> VR.UN;
                default -> {
                    VR v = VR.ofName(vr);
                    yield v != null ? v : VR.UN;
                }
            };
        }
    }

    private record Range(int groupFrom, int groupTo, int elementFrom, int elementTo, Entry entry) {
        boolean contains(int group, int element) {
            return group >= groupFrom && group <= groupTo && (group & 1) == (groupFrom & 1)
                    && element >= elementFrom && element <= elementTo;
        }
    }

    private static final class Holder {
        static final Map<Integer, Entry> EXACT = new HashMap<>(8192);
        static final List<Range> RANGES = new ArrayList<>();
        static final Map<String, Tag> BY_KEYWORD = new HashMap<>(8192);

        static {
            try (InputStream in = ElementDictionary.class.getResourceAsStream("dictionary.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("dictionary.tsv missing from the class path");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    String[] f = line.split("\t");
                    Entry e = new Entry(f[1], f[2], f[3]);
                    String[] ge = f[0].split(",");
                    int[] g = range(ge[0]);
                    int[] el = range(ge[1]);
                    if (g[0] == g[1] && el[0] == el[1]) {
                        EXACT.put((g[0] << 16) | el[0], e);
                        BY_KEYWORD.put(e.keyword(), Tag.of(g[0], el[0]));
                    } else {
                        RANGES.add(new Range(g[0], g[1], el[0], el[1], e));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int[] range(String s) {
            int dash = s.indexOf('-');
            if (dash < 0) {
                int v = Integer.parseInt(s.replace('X', '0'), 16);
                return new int[] {v, s.indexOf('X') < 0 ? v : Integer.parseInt(s.replace('X', 'F'), 16)};
            }
            return new int[] {Integer.parseInt(s.substring(0, dash), 16), Integer.parseInt(s.substring(dash + 1), 16)};
        }
    }

    private static final Entry PRIVATE_CREATOR = new Entry("LO", "1", "PrivateCreator");
    private static final Entry GROUP_LENGTH = new Entry("UL", "1", "GenericGroupLength");

    private ElementDictionary() {
    }

    /** The entry for a tag: standard attributes, repeating groups, group lengths, private creators. */
    public static Optional<Entry> lookup(Tag tag) {
        Entry e = Holder.EXACT.get(tag.code());
        if (e != null) {
            return Optional.of(e);
        }
        if (tag.isPrivateCreator()) {
            return Optional.of(PRIVATE_CREATOR);
        }
        if (tag.isGroupLength()) {
            return Optional.of(tag.isPrivate() ? new Entry("UL", "1", "PrivateGroupLength") : GROUP_LENGTH);
        }
        if (!tag.isPrivate()) {
            for (Range r : Holder.RANGES) {
                if (r.contains(tag.group(), tag.element())) {
                    return Optional.of(r.entry());
                }
            }
        }
        return Optional.empty();
    }

    /** The keyword of a tag, or "" when the dictionary does not know it (e.g. private data). */
    public static String keyword(Tag tag) {
        return lookup(tag).map(Entry::keyword).orElse("");
    }

    /** The VR to use for a tag when the encoding does not say: the dictionary's, else UN. */
    public static VR vrOf(Tag tag) {
        return lookup(tag).map(Entry::defaultVR).orElse(VR.UN);
    }

    /** The tag of a standard keyword, if known. */
    public static Optional<Tag> tagForKeyword(String keyword) {
        return Optional.ofNullable(Holder.BY_KEYWORD.get(keyword));
    }
}
