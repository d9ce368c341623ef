/**
 * What the server asks of the analysis pipeline, as a small interface ({@link
 * org.pleura.server.analysis.AnalysisService}) with a sealed outcome, and its implementation on Pleura's results
 * pipeline ({@link org.pleura.server.analysis.PipelineAnalysisService}). The result objects have deterministic
 * UIDs: the same source analysed again by the same model gives the same SR and SC UIDs, so a result re-sent after
 * a crash replaces the earlier copy at the PACS instead of adding a second one.
 */
package org.pleura.server.analysis;
