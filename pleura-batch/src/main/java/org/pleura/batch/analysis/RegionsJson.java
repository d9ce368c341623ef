package org.pleura.batch.analysis;

import java.util.List;
import java.util.Locale;
import org.pleura.model.result.Region;

/** A finding's regions as a compact JSON array: {@code [{"x":..,"y":..,"w":..,"h":..,"score":..,"call":".."}]}. */
public final class RegionsJson {

    private RegionsJson() {
    }

    /** The JSON of regions, {@code []} when none; a region without its own call has {@code "call":null}. */
    public static String of(List<Region> regions) {
        StringBuilder b = new StringBuilder("[");
        for (Region r : regions) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(String.format(Locale.ROOT, "{\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"score\":%.6f,\"call\":%s}",
                    r.x(), r.y(), r.w(), r.h(), r.score(), r.call() == null ? "null" : "\"" + r.call().jsonName() + "\""));
        }
        return b.append(']').toString();
    }
}
