package org.pleura.server.auth;

import java.util.Optional;

/**
 * Who is calling, as found by the access policy of the HTTP server ({@code auth.api}): a person (by session
 * cookie or HTTP Basic) or a machine (by API token).
 */
public sealed interface Principal {

    /** The name written in the audit trail. */
    String name();

    /** The role written in the audit trail ({@code token} for machines). */
    String roleName();

    /** True if this caller may do what {@code access} stands for. */
    boolean may(Access access);

    /**
     * A signed-in person.
     *
     * @param user    the user
     * @param session the browser session, or empty for HTTP Basic
     */
    record Person(User user, Optional<Session> session) implements Principal {
        @Override
        public String name() {
            return user.username();
        }

        @Override
        public String roleName() {
            return user.role().jsonName();
        }

        @Override
        public boolean may(Access access) {
            return user.role().may(access);
        }
    }

    /** A machine with an API token. */
    record Machine(ApiToken token) implements Principal {
        @Override
        public String name() {
            return token.name();
        }

        @Override
        public String roleName() {
            return "token";
        }

        @Override
        public boolean may(Access access) {
            return switch (access) {
                case PUBLIC -> true;
                case STORE -> token.scopes().contains(ApiToken.STORE);
                case READ -> token.scopes().contains(ApiToken.READ);
                case SIGNED_IN, FEEDBACK, ADMIN -> false;
            };
        }
    }
}
