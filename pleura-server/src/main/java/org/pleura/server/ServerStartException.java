package org.pleura.server;

/** The server could not start; the message says what to fix (port in use, database unreachable...). */
public final class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
