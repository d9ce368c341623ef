package org.pleura.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.pleura.image.Radiograph;
import org.pleura.image.lut.LookupTable;
import org.pleura.image.lut.VoiTransform;

/**
 * A radiograph's values for window/level in the browser, full resolution, 16 bits per pixel: the modality values
 * (after the modality LUT, before any window) as {@code modality = offset + slope * v} with {@code v} unsigned
 * 16-bit, so a 12-, 14- or 16-bit radiograph keeps every level and the browser can move the window smoothly.
 *
 * <p>Layout (little-endian): the 4 bytes {@code PLX1}, a 32-bit header length {@code n}, {@code n} bytes of UTF-8
 * JSON padded with spaces to an even length, then {@code width x height} unsigned 16-bit values, row-major. The
 * JSON: {@code width}, {@code height}, {@code offset}, {@code slope}, {@code invert} (MONOCHROME1: low values
 * white), {@code min} and {@code max} (modality values, padding excluded), {@code windows} (the file's presets,
 * {@code center}, {@code width}, {@code label}) and {@code default} (the window {@link Radiograph#display()} uses).
 * Sent gzip-compressed.
 */
public final class PixelPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PixelPayload() {
    }

    /** The payload of a radiograph, gzip-compressed. */
    public static byte[] gzip(Radiograph r) throws IOException {
        int n = r.stored().length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        double all0 = Double.POSITIVE_INFINITY;
        double all1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int s = r.stored()[i];
            double m = r.pipeline().modality().apply(s);
            all0 = Math.min(all0, m);
            all1 = Math.max(all1, m);
            if (r.pipeline().isPadding(s)) {
                continue;
            }
            if (m < min) {
                min = m;
            }
            if (m > max) {
                max = m;
            }
        }
        for (int i = 0; i < n && integral; i++) {
            double m = r.pipeline().modality().apply(r.stored()[i]);
            integral = m == Math.rint(m);
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        double range = all1 - all0;
        double slope = integral && range <= 65535 ? 1.0 : range > 0 ? range / 65535.0 : 1.0;
        double offset = all0;

        Map<String, Object> h = new LinkedHashMap<>();
        h.put("width", r.columns());
        h.put("height", r.rows());
        h.put("offset", offset);
        h.put("slope", slope);
        h.put("invert", r.pipeline().invert());
        h.put("min", min);
        h.put("max", max);
        List<Map<String, Object>> windows = new ArrayList<>();
        for (VoiTransform v : r.pipeline().windows()) {
            windows.add(window(v));
        }
        h.put("windows", windows);
        Map<String, Object> dflt = window(r.defaultWindow());
        if (r.pipeline().windows().isEmpty()) {
            dflt.put("label", "auto");
        }
        h.put("default", dflt);
        byte[] header = JSON.writeValueAsBytes(h);
        int padded = header.length + (header.length % 2);

        ByteBuffer pixels = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double m = r.pipeline().modality().apply(r.stored()[i]);
            long v = Math.round((m - offset) / slope);
            pixels.putShort((short) Math.max(0, Math.min(65535, v)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 1024);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write("PLX1".getBytes(StandardCharsets.US_ASCII));
            z.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(padded).array());
            z.write(header);
            if (padded > header.length) {
                z.write(' ');
            }
            z.write(pixels.array());
        }
        return out.toByteArray();
    }

    private static Map<String, Object> window(VoiTransform v) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v instanceof VoiTransform.Window w) {
            m.put("center", w.center());
            m.put("width", w.width());
            m.put("label", w.explanation() == null ? "" : w.explanation());
        } else if (v instanceof VoiTransform.Table t) {
            LookupTable lut = t.table();
            m.put("center", lut.firstMapped() + lut.data().length / 2.0);
            m.put("width", Math.max(1, lut.data().length));
            m.put("label", lut.explanation() == null || lut.explanation().isEmpty() ? "VOI LUT" : lut.explanation());
        }
        return m;
    }
}
