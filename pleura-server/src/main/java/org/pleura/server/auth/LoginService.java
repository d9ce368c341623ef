package org.pleura.server.auth;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.audit.AuditTrail;

/**
 * Checks passwords, slows repeated failures per client address and typed name ({@link SignInThrottle}; accounts
 * are never locked, so no stranger can lock a user out), and records attempts in the audit trail
 * ({@code login.success}; {@code login.failure} and {@code login.locked} for an attempt refused while its address
 * must wait, bounded per window by {@link FailedSignInAudit}).
 *
 * <p>Password checks are deliberately slow (PBKDF2, about a third of a second), so at most two run at once;
 * others wait up to five seconds, then get {@link LoginOutcome.Busy}: a flood of attempts cannot take the
 * processors from the analysis workers. An unknown user name costs the same time as a wrong password.
 */
public final class LoginService {

    /** The window in which refused sign-ins are recorded one by one up to the limits below. */
    static final long FAILURE_AUDIT_WINDOW_MS = 10 * 60_000L;
    /** Refused sign-ins recorded one by one per client address and window. */
    static final int FAILURE_ROWS_PER_ADDRESS = 20;
    /** Refused sign-ins recorded one by one per window, all addresses together. */
    static final int FAILURE_ROWS_PER_WINDOW = 200;

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final SecuritySettings settings;
    private final AuditTrail audit;
    private final LongSupplier clock;
    private final Semaphore checks = new Semaphore(2, true);
    private final SignInThrottle throttle;
    private final FailedSignInAudit failures;

    public LoginService(UserStore users, SessionStore sessions, PasswordHasher hasher, SecuritySettings settings,
                        AuditTrail audit, LongSupplier clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.throttle = new SignInThrottle(settings::maxFailures, settings::lockout, clock);
        this.failures = new FailedSignInAudit(audit, clock, FAILURE_AUDIT_WINDOW_MS, FAILURE_ROWS_PER_ADDRESS,
                FAILURE_ROWS_PER_WINDOW);
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
        long wait = throttle.waitMillis(ip, typed);
        if (wait > 0) {
            failures.record(entry(typed, "anonymous", AuditAction.LOGIN_LOCKED, "attempt refused: this address must "
                    + "wait " + Math.max(1, wait / 1000) + " s after its failed attempts (" + how + ")", ip));
            return new LoginOutcome.Throttled(wait);
        }
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
                throttle.failed(ip, typed);
                failures.record(entry(typed, "anonymous", AuditAction.LOGIN_FAILURE, "unknown user (" + how + ")", ip));
                return new LoginOutcome.Refused();
            }
            User u = found.get().user();
            boolean ok = hasher.verify(pw, found.get().passwordHash());
            if (!u.active()) {
                throttle.failed(ip, typed);
                failures.record(entry(u.username(), u.role().jsonName(), AuditAction.LOGIN_FAILURE,
                        "account disabled (" + how + ")", ip));
                return new LoginOutcome.Refused();
            }
            if (!ok) {
                throttle.failed(ip, typed);
                UserStore.Failure f = users.recordFailure(u.pk(), now, Integer.MAX_VALUE, 0);
                failures.record(entry(u.username(), u.role().jsonName(), AuditAction.LOGIN_FAILURE, "wrong password, "
                        + f.failures() + " consecutive failures (" + how + ")", ip));
                return new LoginOutcome.Refused();
            }
            throttle.succeeded(ip, typed);
            if (u.failedLogins() > 0 || u.lockedUntil() > 0) {
                users.clearFailures(u.pk());
            }
            if (hasher.needsRehash(found.get().passwordHash())) {
                users.rehash(u.pk(), hasher.hash(pw));
            }
            audit.record(entry(u.username(), u.role().jsonName(), AuditAction.LOGIN_SUCCESS, how, ip));
            return new LoginOutcome.Verified(users.byPk(u.pk()).orElse(u));
        } finally {
            checks.release();
            java.util.Arrays.fill(pw, '\0');
        }
    }

    /** The per-client throttle (an admin unlocking a user resets it for that name). */
    public SignInThrottle throttle() {
        return throttle;
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

    private static AuditEntry entry(String actor, String role, AuditAction action, String detail, String ip) {
        return new AuditEntry(actor, role, action, actor, detail, ip);
    }
}
