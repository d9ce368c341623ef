/**
 * The reading room on the web: {@link org.pleura.server.web.ReadingRoom} composes users, audit trail and
 * feedback with the store and registers the pages and their API; the worklist ordered by urgency with filters
 * and live updates ({@link org.pleura.server.worklist.Worklist}, {@link org.pleura.server.web.WorklistEvents}),
 * the viewer's study data and 16-bit pixels for window/level in the browser
 * ({@link org.pleura.server.web.StudyApi}, {@link org.pleura.server.web.PixelPayload}), the model's finding
 * catalogue in both languages ({@link org.pleura.server.web.ModelCatalogue}), and the static pages themselves
 * ({@link org.pleura.server.web.WebPages}, files under {@code /web} on the class path: plain HTML, CSS and
 * ES modules, nothing loaded from elsewhere). Nothing here names a finding: names, urgencies and operating
 * points come from the model's catalogue.
 */
package org.pleura.server.web;
