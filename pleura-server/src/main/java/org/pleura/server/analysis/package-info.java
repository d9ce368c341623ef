/**
 * What the server asks of the analysis pipeline, as a small interface ({@link
 * org.pleura.server.analysis.AnalysisService}) with a sealed outcome, and the deterministic UIDs of the result
 * objects ({@link org.pleura.server.analysis.ResultUids}): the same source analysed again by the same model gives
 * the same SR and SC UIDs, so a result re-sent after a crash replaces the earlier copy at the PACS.
 */
package org.pleura.server.analysis;
