package org.pleura.server.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.pleura.dicom.DicomElement;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;

/**
 * The DICOM JSON model (PS3.18 annex F): one object per data set, keyed by the eight hex digits of each tag, with
 * {@code vr} and {@code Value} (or {@code InlineBinary}). Pixel data and binary values over 64 KiB are left out of
 * metadata (retrieve the instance for them).
 *
 * <pre>{@code
 * ObjectNode json = DicomJson.of(dataset);                  // {"00100020": {"vr": "LO", "Value": ["123"]}, ...}
 * DicomJson.put(json, Tag.StudyDate, VR.DA, "20240131");    // building a QIDO-RS answer
 * }</pre>
 */
public final class DicomJson {

    /** Media type of DICOM JSON. */
    public static final String MEDIA_TYPE = "application/dicom+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_INLINE_BINARY = 64 * 1024;
    private static final Tag PIXEL_DATA = Tag.of(0x7FE0, 0x0010);

    private DicomJson() {
    }

    /** The DICOM JSON of a data set (file meta elements are left out). */
    public static ObjectNode of(DicomObject ds) {
        ObjectNode out = F.objectNode();
        for (DicomElement e : ds) {
            Tag t = e.tag();
            if (t.group() == 0x0002 || t.group() == 0x0000 || t.isGroupLength() || t.equals(PIXEL_DATA)
                    || (t.group() & 0xFF00) == 0x7F00) {
                continue;
            }
            ObjectNode value = element(ds, e);
            if (value != null) {
                out.set(key(t), value);
            }
        }
        return out;
    }

    /** The JSON key of a tag: eight upper-case hex digits. */
    public static String key(Tag t) {
        return String.format(Locale.ROOT, "%04X%04X", t.group(), t.element());
    }

    /** Adds a text attribute (empty value: the attribute with its VR only). */
    public static void put(ObjectNode json, Tag tag, VR vr, String value) {
        putAll(json, tag, vr, value == null || value.isEmpty() ? List.of() : List.of(value));
    }

    /** Adds a multi-valued text attribute. */
    public static void putAll(ObjectNode json, Tag tag, VR vr, List<String> values) {
        ObjectNode n = F.objectNode();
        n.put("vr", vr.name());
        if (!values.isEmpty()) {
            ArrayNode a = n.putArray("Value");
            for (String v : values) {
                a.add(textValue(vr, v));
            }
        }
        json.set(key(tag), n);
    }

    /** Adds an integer string (IS) attribute. */
    public static void putInt(ObjectNode json, Tag tag, long value) {
        ObjectNode n = F.objectNode();
        n.put("vr", "IS");
        n.putArray("Value").add(value);
        json.set(key(tag), n);
    }

    /** Answers a DICOM JSON document. */
    public static void send(Context ctx, JsonNode json) throws IOException {
        ctx.contentType(MEDIA_TYPE).result(MAPPER.writeValueAsBytes(json));
    }

    private static ObjectNode element(DicomObject ds, DicomElement e) {
        ObjectNode n = F.objectNode();
        VR vr = e.vr();
        n.put("vr", vr.name());
        if (e.isEmpty()) {
            return n;
        }
        if (e instanceof DicomElement.Text t) {
            ArrayNode a = n.putArray("Value");
            for (String v : t.values()) {
                a.add(textValue(vr, v));
            }
        } else if (e instanceof DicomElement.Sequence s) {
            ArrayNode a = n.putArray("Value");
            for (DicomObject item : s.items()) {
                a.add(of(item));
            }
        } else if (e instanceof DicomElement.Binary b) {
            try {
                switch (vr) {
                    case US, SS, UL, SL, SV, UV -> {
                        ArrayNode a = n.putArray("Value");
                        for (long v : ds.getLongs(e.tag())) {
                            a.add(v);
                        }
                    }
                    case FL, FD -> {
                        ArrayNode a = n.putArray("Value");
                        for (double v : ds.getDoubles(e.tag())) {
                            a.add(v);
                        }
                    }
                    case AT -> {
                        ArrayNode a = n.putArray("Value");
                        byte[] v = b.bytes();
                        for (int i = 0; i + 3 < v.length; i += 4) {
                            int g = (v[i] & 0xFF) | (v[i + 1] & 0xFF) << 8;
                            int el = (v[i + 2] & 0xFF) | (v[i + 3] & 0xFF) << 8;
                            a.add(String.format(Locale.ROOT, "%04X%04X", g, el));
                        }
                    }
                    default -> {
                        if (b.length() > MAX_INLINE_BINARY) {
                            return null;
                        }
                        n.put("InlineBinary", Base64.getEncoder().encodeToString(b.bytes()));
                    }
                }
            } catch (org.pleura.dicom.DicomAttributeException | RuntimeException ex) {
                return null;
            }
        } else {
            return null; // encapsulated fragments: bulk data
        }
        return n;
    }

    private static JsonNode textValue(VR vr, String v) {
        switch (vr) {
            case PN -> {
                ObjectNode pn = F.objectNode();
                String[] groups = v.split("=", -1);
                if (!groups[0].isEmpty()) {
                    pn.put("Alphabetic", groups[0]);
                }
                if (groups.length > 1 && !groups[1].isEmpty()) {
                    pn.put("Ideographic", groups[1]);
                }
                if (groups.length > 2 && !groups[2].isEmpty()) {
                    pn.put("Phonetic", groups[2]);
                }
                return pn;
            }
            case IS -> {
                try {
                    return F.numberNode(Long.parseLong(v.strip().replace("+", "")));
                } catch (NumberFormatException e) {
                    return F.textNode(v);
                }
            }
            case DS -> {
                try {
                    double d = Double.parseDouble(v.strip());
                    return Double.isFinite(d) ? F.numberNode(d) : F.textNode(v);
                } catch (NumberFormatException e) {
                    return F.textNode(v);
                }
            }
            default -> {
                return F.textNode(v);
            }
        }
    }
}
