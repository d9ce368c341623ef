package org.pleura.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Header values agree with dcmtk's dcmdump on every corpus file, at every nesting level: text
 * values (both character sets), numbers, sequence item counts, private elements.
 */
class DcmdumpAgreementTest {

    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?)\\s+# +(\\S+),\\s*(\\d+) (.+)$");
    private static final List<String> TEXT = List.of("AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN",
            "SH", "ST", "TM", "UC", "UR", "UT", "UI");
    private static final List<String> NUMBERS = List.of("US", "SS", "UL", "SL", "FL", "FD");

    static Stream<Path> corpus() {
        return Corpus.all().stream();
    }

    /** One element as dcmdump printed it, with its path of (sequence tag, item index) pairs. */
    record Printed(String path, String vr, String value, int depth) {
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void headerAgreesWithDcmdump(Path file) throws IOException {
        ReferenceTools.Result r = ReferenceTools.run("dcmdump", "+L", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Printed> printed = parse(r.out());
        DicomFile mine = DicomReader.read(file);
        Map<String, DicomElement> flat = new HashMap<>();
        flatten(mine.fileMeta(), "", flat);
        flatten(mine.dataset(), "", flat);
        int compared = 0;
        for (Printed p : printed) {
            DicomElement e = flat.get(p.path());
            assertTrue(e != null, file + ": dcmdump shows " + p.path() + " which Pleura did not read");
            if (p.value().equals("(no value available)")) {
                assertTrue(e.isEmpty(), file + " " + p.path() + " should be empty");
                compared++;
            } else if (TEXT.contains(p.vr()) && p.value().startsWith("[")) {
                // trailing spaces are padding (PS3.5 6.2): dcmdump shows them, Pleura drops them
                String expected = p.value().substring(1, p.value().length() - 1).replaceAll("[ \\u0000]+$", "");
                assertEquals(expected, ((DicomElement.Text) e).value(), file + " " + p.path());
                compared++;
            } else if (NUMBERS.contains(p.vr())) {
                assertEquals(p.vr(), e.vr().name(), file + " " + p.path());
                String[] expected = p.value().split("\\\\");
                double[] actual = DicomObject.builder().put(e).build().getDoubles(e.tag());
                assertEquals(expected.length, actual.length, file + " " + p.path());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Double.parseDouble(expected[i]), actual[i], Math.abs(actual[i]) * 1e-6,
                            file + " " + p.path() + "[" + i + "]");
                }
                compared++;
            } else if (p.vr().equals("SQ")) {
                Matcher m = Pattern.compile("#=(\\d+)").matcher(p.value());
                assertTrue(m.find(), p.value());
                assertEquals(Integer.parseInt(m.group(1)), ((DicomElement.Sequence) e).items().size(),
                        file + " " + p.path() + " items");
                compared++;
            }
        }
        assertTrue(compared >= 10 && compared >= printed.size() * 3 / 4,
                file + ": only " + compared + " of " + printed.size() + " elements compared");
    }

    /** Parses dcmdump output into elements keyed by their path. */
    static List<Printed> parse(String dump) {
        List<Printed> out = new ArrayList<>();
        List<String> stack = new ArrayList<>(); // path prefix per depth
        List<Integer> itemCounters = new ArrayList<>();
        String lastSequence = null;
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int depth = m.group(1).length() / 2;
            String tag = "(" + m.group(2) + "," + m.group(3) + ")";
            String vr = m.group(4);
            while (stack.size() > depth) {
                stack.remove(stack.size() - 1);
                itemCounters.remove(itemCounters.size() - 1);
            }
            String prefix = stack.isEmpty() ? "" : stack.get(stack.size() - 1);
            if (tag.equals("(fffe,e000)") && vr.equals("na")) {
                // an item: children at depth+1 get the prefix sequence[index]
                int index = itemCounters.isEmpty() ? 0 : itemCounters.get(itemCounters.size() - 1);
                if (!itemCounters.isEmpty()) {
                    itemCounters.set(itemCounters.size() - 1, index + 1);
                }
                stack.add(prefix + "[" + index + "]");
                itemCounters.add(0);
                continue;
            }
            if (tag.startsWith("(fffe,")) {
                continue;
            }
            String path = prefix + tag;
            out.add(new Printed(path, vr, m.group(5), depth));
            if (vr.equals("SQ")) {
                lastSequence = path;
                stack.add(path);
                itemCounters.add(0);
            }
        }
        return lastSequence == null ? out : out;
    }

    private static void flatten(DicomObject ds, String prefix, Map<String, DicomElement> out) {
        for (DicomElement e : ds) {
            String path = prefix + String.format("(%04x,%04x)", e.tag().group(), e.tag().element());
            out.put(path, e);
            if (e instanceof DicomElement.Sequence s) {
                for (int i = 0; i < s.items().size(); i++) {
                    flatten(s.items().get(i), path + "[" + i + "]", out);
                }
            }
        }
    }
}
