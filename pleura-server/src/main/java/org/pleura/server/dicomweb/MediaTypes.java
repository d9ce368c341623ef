package org.pleura.server.dicomweb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parses media types such as {@code multipart/related; type="application/dicom"; boundary=xyz}. */
final class MediaTypes {

    /**
     * @param type       e.g. {@code multipart/related}, lower case
     * @param parameters names lower case, values unquoted
     */
    record MediaType(String type, Map<String, String> parameters) {
        String parameter(String name) {
            return parameters.getOrDefault(name, "");
        }
    }

    private MediaTypes() {
    }

    static MediaType parse(String header) {
        if (header == null || header.isBlank()) {
            return new MediaType("", Map.of());
        }
        String[] parts = splitParams(header);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String v = p.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), v);
        }
        return new MediaType(parts[0].strip().toLowerCase(Locale.ROOT), params);
    }

    /** Splits at semicolons outside quotes. */
    private static String[] splitParams(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    /** Splits an Accept header into its media ranges (at commas outside quotes). */
    static java.util.List<MediaType> accept(String header) {
        java.util.List<MediaType> out = new java.util.ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(parse(cur.toString()));
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(parse(cur.toString()));
        return out;
    }
}
