package org.pleura.server.auth;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.audit.AuditTrail;

/**
 * Checks passwords, counts failures and locks accounts, and records every attempt in the audit trail
 * ({@code login.success}, {@code login.failure}, {@code login.lockout}, {@code login.locked}).
 *
 * <p>Password checks are deliberately slow (PBKDF2, about a third of a second), so at most two run at once;
 * others wait up to five seconds, then get {@link LoginOutcome.Busy}: a flood of attempts cannot take the
 * processors from the analysis workers. An unknown user name costs the same time as a wrong password.
 */
public final class LoginService {

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final SecuritySettings settings;
    private final AuditTrail audit;
    private final LongSupplier clock;
    private final Semaphore checks = new Semaphore(2, true);

    public LoginService(UserStore users, SessionStore sessions, PasswordHasher hasher, SecuritySettings settings,
                        AuditTrail audit, LongSupplier clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** A sign-in from a browser: opens a session when the password is right. */
    public LoginOutcome signIn(String username, String password, String ip) {
        LoginOutcome o = check(username, password, ip, "session");
        if (o instanceof LoginOutcome.Verified v) {
            return new LoginOutcome.SignedIn(v.user(), sessions.open(v.user(), clock.getAsLong()));
        }
        return o;
    }

    /**
     * Checks a user name and password without opening a session (HTTP Basic).
     *
     * @param how recorded in the audit trail, e.g. {@code session} or {@code basic}
     * @return {@link LoginOutcome.Verified} or why not
     */
    public LoginOutcome check(String username, String password, String ip, String how) {
        String typed = username == null ? "" : username.strip();
        char[] pw = password == null ? new char[0] : password.toCharArray();
        if (!acquire()) {
            return new LoginOutcome.Busy();
        }
        try {
            Optional<UserStore.Credentials> found = typed.isEmpty() || pw.length > PasswordPolicy.MAX_LENGTH
                    ? Optional.empty() : users.credentials(typed);
            long now = clock.getAsLong();
            if (found.isEmpty()) {
                hasher.verifyNothing(pw);
                record(typed, "anonymous", AuditAction.LOGIN_FAILURE, "unknown user (" + how + ")", ip);
                return new LoginOutcome.Refused();
            }
            User u = found.get().user();
            if (u.lockedAt(now)) {
                hasher.verifyNothing(pw);
                record(u.username(), u.role().jsonName(), AuditAction.LOGIN_LOCKED, "account locked until "
                        + java.time.Instant.ofEpochMilli(u.lockedUntil()) + " (" + how + ")", ip);
                return new LoginOutcome.LockedOut(u.lockedUntil());
            }
            boolean ok = hasher.verify(pw, found.get().passwordHash());
            if (!u.active()) {
                record(u.username(), u.role().jsonName(), AuditAction.LOGIN_FAILURE, "account disabled (" + how + ")",
                        ip);
                return new LoginOutcome.Refused();
            }
            if (!ok) {
                UserStore.Failure f = users.recordFailure(u.pk(), now, settings.maxFailures(),
                        settings.lockout().toMillis());
                if (f.lockedUntil() > 0) {
                    record(u.username(), u.role().jsonName(), AuditAction.LOGIN_LOCKOUT, f.failures()
                            + " failed attempts: locked for " + settings.lockout().toMinutes() + " min (" + how + ")",
                            ip);
                    return new LoginOutcome.LockedOut(f.lockedUntil());
                }
                record(u.username(), u.role().jsonName(), AuditAction.LOGIN_FAILURE, "wrong password, failure "
                        + f.failures() + " of " + settings.maxFailures() + " (" + how + ")", ip);
                return new LoginOutcome.Refused();
            }
            if (u.failedLogins() > 0) {
                users.clearFailures(u.pk());
            }
            if (hasher.needsRehash(found.get().passwordHash())) {
                users.rehash(u.pk(), hasher.hash(pw));
            }
            record(u.username(), u.role().jsonName(), AuditAction.LOGIN_SUCCESS, how, ip);
            return new LoginOutcome.Verified(users.byPk(u.pk()).orElse(u));
        } finally {
            checks.release();
            java.util.Arrays.fill(pw, '\0');
        }
    }

    /** Checks a password without signing in or counting (a user confirming their current password). */
    public boolean confirm(User user, String password) {
        if (!acquire()) {
            return false;
        }
        try {
            return users.credentials(user.username()).map(c -> hasher.verify(
                    password == null ? new char[0] : password.toCharArray(), c.passwordHash())).orElse(false);
        } finally {
            checks.release();
        }
    }

    private boolean acquire() {
        try {
            return checks.tryAcquire(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(String actor, String role, AuditAction action, String detail, String ip) {
        audit.record(new AuditEntry(actor, role, action, actor, detail, ip));
    }
}
