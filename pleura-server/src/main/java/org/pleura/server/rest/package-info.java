/**
 * The REST API under {@code /api}, one class per resource: uploads ({@link org.pleura.server.rest.UploadResource}),
 * the Orthanc-like tree of studies, series and instances ({@link org.pleura.server.rest.StudyTreeResource}), each
 * image's analysis and artefacts ({@link org.pleura.server.rest.AnalysisResource}), the worklist
 * ({@link org.pleura.server.rest.WorklistResource}, the same rule as the reading room's,
 * {@link org.pleura.server.worklist.Worklist}) and the job queue ({@link org.pleura.server.rest.JobsResource}).
 * {@link org.pleura.server.rest.RestApi} builds and registers them. JSON throughout; errors are problem documents.
 */
package org.pleura.server.rest;
