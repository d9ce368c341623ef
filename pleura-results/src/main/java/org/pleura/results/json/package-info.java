/**
 * The Analysis JSON of docs/formats.md, a stable contract:
 * {@code {image, model: {id, version}, abnormal, findings: [{id, name, score, call, regions: [{x, y, w, h, score}]}],
 * warnings: [], disclaimer}}, written by {@link org.pleura.results.json.AnalysisJson}.
 */
package org.pleura.results.json;
