package org.pleura.server.auth;

import java.io.PrintStream;
import java.util.Map;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.audit.AuditTrail;

/**
 * At the first start (no user at all), creates the user {@code admin} with the password in the environment
 * variable {@code PLEURA_ADMIN_PASSWORD}, or a generated one printed once on standard output (never logged).
 */
public final class FirstAdmin {

    /** The environment variable with the first admin's password. */
    public static final String ENV = "PLEURA_ADMIN_PASSWORD";
    /** The first admin's user name. */
    public static final String USERNAME = "admin";

    private FirstAdmin() {
    }

    /**
     * Creates the first admin if there is no user.
     *
     * @return true if it was created
     * @throws IllegalArgumentException if {@code PLEURA_ADMIN_PASSWORD} is set but too weak
     */
    public static boolean ensure(UserStore users, PasswordHasher hasher, AuditTrail audit, Map<String, String> env,
                                 PrintStream out, long now) {
        if (users.count() > 0) {
            return false;
        }
        String given = env.get(ENV);
        boolean generated = given == null || given.isEmpty();
        String password = generated ? Secrets.password() : given;
        PasswordPolicy.problem(USERNAME, password).ifPresent(p -> {
            throw new IllegalArgumentException(ENV + ": " + p);
        });
        users.create(USERNAME, "Administrator", Role.ADMIN, User.DEFAULT_LANGUAGE, hasher.hash(password.toCharArray()), now);
        audit.record(new AuditEntry("pleura", "system", AuditAction.USER_CREATE, USERNAME,
                "first start: administrator created, password " + (generated ? "generated" : "from " + ENV), ""));
        if (generated) {
            out.println("pleura serve: first start: created user '" + USERNAME + "' with password " + password);
            out.println("pleura serve: this password is shown only once: sign in and change it (or set " + ENV
                    + " before the first start)");
        } else {
            out.println("pleura serve: first start: created user '" + USERNAME + "' with the password in " + ENV);
        }
        out.flush();
        return true;
    }
}
