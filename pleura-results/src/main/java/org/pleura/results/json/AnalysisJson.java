package org.pleura.results.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.Region;
import org.pleura.results.Language;

/**
 * Writes the Analysis JSON of docs/formats.md: {@code image}, {@code model} ({@code id}, {@code version}),
 * {@code abnormal} (the study-level score, {@code null} when the image was refused), {@code findings} (one per
 * finding the model reads, in catalogue order: {@code id}, {@code name} in the chosen language, {@code score},
 * {@code call} and {@code regions} in source-image pixels, each with its own {@code call} when a detector scored it),
 * {@code warnings} (why a reading is limited or refused)
 * and {@code disclaimer}. Scores are rounded to 4 decimals and coordinates to 0.1 pixel.
 *
 * <pre>{@code
 * String json = AnalysisJson.write(analysis, Language.EN);
 * }</pre>
 */
public final class AnalysisJson {

    /**
     * The version of this JSON's shape: 1 was DESIGN's first shape; 2 added {@code format_version}, the
     * {@code not_validated} call and a detector box's own {@code call} in its region.
     */
    public static final int FORMAT_VERSION = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisJson() {
    }

    /** The JSON tree. */
    public static ObjectNode toTree(Analysis analysis, Language language) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("image", analysis.imageId());
        ObjectNode model = root.putObject("model");
        model.put("id", analysis.model().id());
        model.put("version", analysis.model().version());
        if (analysis.abnormal() == null) {
            root.putNull("abnormal");
        } else {
            root.put("abnormal", round(analysis.abnormal().score(), 4));
        }
        ArrayNode findings = root.putArray("findings");
        for (FindingResult r : analysis.results()) {
            ObjectNode f = findings.addObject();
            f.put("id", r.finding().id());
            f.put("name", language.name(r.finding()));
            f.put("score", round(r.score(), 4));
            f.put("call", r.call().jsonName());
            ArrayNode regions = f.putArray("regions");
            for (Region g : r.regions()) {
                ObjectNode o = regions.addObject();
                o.put("x", round(g.x(), 1));
                o.put("y", round(g.y(), 1));
                o.put("w", round(g.w(), 1));
                o.put("h", round(g.h(), 1));
                o.put("score", round(g.score(), 4));
                if (g.call() != null) {
                    o.put("call", g.call().jsonName());
                }
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        analysis.warnings().forEach(warnings::add);
        root.put("disclaimer", language.disclaimer());
        return root;
    }

    /** The JSON text, indented, ending with a newline. */
    public static String write(Analysis analysis, Language language) {
        try {
            return MAPPER.writeValueAsString(toTree(analysis, language)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the analysis of " + analysis.imageId() + ": " + e.getMessage(), e);
        }
    }

    /** The JSON text as UTF-8 bytes. */
    public static byte[] bytes(Analysis analysis, Language language) {
        return write(analysis, language).getBytes(StandardCharsets.UTF_8);
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
