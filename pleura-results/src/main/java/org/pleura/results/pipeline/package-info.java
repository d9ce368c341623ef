/**
 * The analysis pipeline, composed in one readable place, {@link org.pleura.results.pipeline.Analyzer}: read, check
 * the header, decode, check the picture, preprocess, infer, check the model's features, postprocess (scores,
 * calls, heat maps, boxes), then the artefacts (JSON, overlay, Secondary Capture, Structured Report). Built by the
 * command line and the server alike; its outcome is a sealed
 * {@link org.pleura.results.pipeline.AnalysisOutcome}: analysed, refused (with the reason, no scores) or failed.
 */
package org.pleura.results.pipeline;
