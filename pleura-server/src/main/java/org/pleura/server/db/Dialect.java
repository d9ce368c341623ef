package org.pleura.server.db;

/** The two databases Pleura supports; the schema and every query are written for both. */
public enum Dialect {
    /** Embedded H2 (the default: one file in the data directory). */
    H2,
    /** PostgreSQL (hospital deployments). */
    POSTGRESQL;

    /** The dialect of a JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new DatabaseException("unsupported database URL (use jdbc:h2:... or jdbc:postgresql://...): " + jdbcUrl);
    }
}
