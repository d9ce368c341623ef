package org.pleura.server.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with one connection inside {@link Database#transaction} or {@link Database#read}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Runs with a borrowed connection; must not close it. */
    T run(Connection connection) throws SQLException;
}
