package org.pleura.cli;

/** One-line messages for users: the exception's own message, never a stack trace. */
final class Messages {
    private Messages() {
    }

    static String of(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }
}
