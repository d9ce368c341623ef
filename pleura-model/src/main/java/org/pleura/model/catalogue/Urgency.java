package org.pleura.model.catalogue;

/** How soon a reader should look at a study when a finding is called: drives worklist ordering. */
public enum Urgency {
    /** Needs attention now (e.g. pneumothorax). */
    URGENT,
    /** Needs a follow-up but not immediately (e.g. a nodule). */
    FOLLOW_UP,
    /** Reported in the normal course of reading. */
    ROUTINE
}
