/**
 * The worklist: studies ordered by urgency. Each analysis gets a {@link org.pleura.server.worklist.TriageLevel}
 * from the urgency the model's catalogue gives its findings and the calls the model made (no finding id is
 * written here); a study takes the most urgent level of its images. Within a level the oldest study comes first,
 * and a study not yet reviewed waiting longer than the configured maximum rises to the top, so triage never
 * starves a normal-looking study. {@link org.pleura.server.worklist.Worklist} is that rule, in one place: the
 * reading room and the REST API both page through it.
 */
package org.pleura.server.worklist;
