/**
 * Results as FHIR R4 for the hospital's other systems (EHR, emergency department software, FHIR servers): one
 * {@code DiagnosticReport} per study with one {@code Observation} per finding, built with HAPI FHIR's model classes.
 */
package org.pleura.server.fhir;
