package org.pleura.train.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The model an evaluation is about, as shown in {@code metrics.json}'s {@code model} block and the report.
 *
 * @param id the model id
 * @param version the model version
 * @param details further facts (architecture, input size, package path...), values JSON-friendly
 *     (strings, numbers, booleans, lists and maps of them)
 */
public record ModelSummary(String id, String version, Map<String, Object> details) {

  /** Copies the details, keeping their order. */
  public ModelSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
