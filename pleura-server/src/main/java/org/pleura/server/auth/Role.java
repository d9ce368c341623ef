package org.pleura.server.auth;

import java.util.Locale;
import java.util.Optional;

/** What a user is allowed to do. Each user has exactly one role. */
public enum Role {
    /** Reads the worklist, the images and the results (emergency physicians, ward doctors). */
    CLINICIAN,
    /** Reads, and gives feedback on the results (agree, disagree, missed findings). */
    RADIOLOGIST,
    /** Manages users, settings and API tokens, reads the audit trail and exports feedback; reads studies too. */
    ADMIN;

    /** True if this role may do what {@code access} stands for. */
    public boolean may(Access access) {
        return switch (access) {
            case PUBLIC, SIGNED_IN, READ -> true;
            case FEEDBACK -> this == RADIOLOGIST;
            case ADMIN, STORE -> this == ADMIN;
        };
    }

    /** Lower-case name for JSON and the database, e.g. {@code radiologist}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code name} (any case), if any. */
    public static Optional<Role> parse(String name) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
