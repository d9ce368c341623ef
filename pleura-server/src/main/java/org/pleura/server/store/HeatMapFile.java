package org.pleura.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.pleura.model.result.HeatMap;

/**
 * The heat maps of one analysis as the viewer reads them: {@code heatmaps.json} beside the Analysis JSON, written
 * by the analysis worker and served by {@code GET /api/reading/instances/{instance}/heatmaps}. One entry per
 * output id: the network's coarse grid ({@code width x height}, row-major, covering the whole image) scaled to
 * [0, 1] by its maximum (negative activations 0), three decimals. The browser smooths the grid to the image size.
 *
 * <pre>{@code {"findings": {"<id>": {"width": 10, "height": 10, "values": [0.0, 0.12, ...]}}}}</pre>
 */
public final class HeatMapFile {

    /** The file name in the results folder of an image. */
    public static final String NAME = "heatmaps.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeatMapFile() {
    }

    /** The file's bytes for these maps. */
    public static byte[] encode(Map<String, HeatMap> maps) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode findings = root.putObject("findings");
        for (Map.Entry<String, HeatMap> e : maps.entrySet()) {
            HeatMap m = e.getValue();
            ObjectNode n = findings.putObject(e.getKey());
            n.put("width", m.width());
            n.put("height", m.height());
            ArrayNode values = n.putArray("values");
            for (float v : m.normalised(m.width(), m.height())) {
                values.add(Math.round(v * 1000) / 1000.0);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write heat maps: " + e.getMessage(), e);
        }
    }
}
