package org.pleura.server.auth;

import io.javalin.http.Context;
import java.util.Optional;
import org.pleura.server.http.Access;
import org.pleura.server.http.ProblemException;

/**
 * Who is calling, as found by {@link SessionAccessPolicy} and attached to the request: a person (by session
 * cookie or HTTP Basic) or a machine (by API token).
 */
public sealed interface Principal {

    /** The request attribute holding the principal. */
    String ATTRIBUTE = "pleura.principal";

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

    /** The caller of a request, if the access policy found one. */
    static Optional<Principal> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The signed-in person calling; 401 otherwise (e.g. a route reached with an open access policy). */
    static Person person(Context ctx) {
        if (of(ctx).orElse(null) instanceof Person p) {
            return p;
        }
        throw new ProblemException(401, "unauthenticated", "sign in first: this page is for signed-in users");
    }
}
