/**
 * The operator's way back in, on the database of a stopped server ({@code pleura admin}): reset a password, clear a
 * user's failed sign-ins, list and end sessions, verify the audit trail. Every change is recorded in the audit trail.
 */
package org.pleura.server.admin;
