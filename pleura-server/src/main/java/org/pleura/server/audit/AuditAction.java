package org.pleura.server.audit;

import java.util.Locale;
import java.util.Optional;

/** What an audit event records. The stored name is {@link #code()}, e.g. {@code login.failure}. */
public enum AuditAction {
    /** A user signed in. */
    LOGIN_SUCCESS("login.success"),
    /** A sign-in was refused (unknown user, wrong password, disabled account). */
    LOGIN_FAILURE("login.failure"),
    /** Too many failures: the account is locked for a while. */
    LOGIN_LOCKOUT("login.lockout"),
    /** A sign-in was refused because the account is locked. */
    LOGIN_LOCKED("login.locked"),
    /** A user signed out. */
    LOGOUT("logout"),
    /** A user changed their own password. */
    PASSWORD_CHANGE("password.change"),
    /** A user changed their own interface language. */
    PREFERENCE_CHANGE("preference.change"),
    /** An admin created a user (also the first admin at first start). */
    USER_CREATE("user.create"),
    /** An admin changed a user (role, name, language, active, password reset, unlock). */
    USER_UPDATE("user.update"),
    /** An admin created an API token. */
    TOKEN_CREATE("token.create"),
    /** An admin revoked an API token. */
    TOKEN_REVOKE("token.revoke"),
    /** An admin changed a setting. */
    SETTING_CHANGE("setting.change"),
    /** A user opened a study in the viewer. */
    STUDY_VIEW("study.view"),
    /** A radiologist agreed or disagreed with a call, or withdrew that opinion. */
    FEEDBACK_VERDICT("feedback.verdict"),
    /** A radiologist added a missed finding with a box. */
    FEEDBACK_MARK("feedback.mark"),
    /** A radiologist withdrew a missed finding they had added. */
    FEEDBACK_MARK_WITHDRAW("feedback.mark.withdraw"),
    /** Feedback was exported for training. */
    EXPORT_FEEDBACK("export.feedback"),
    /** The audit trail was exported. */
    EXPORT_AUDIT("export.audit"),
    /** Patient data was read through the REST API, DICOMweb or the viewer (studies, instances, pixels, results). */
    DATA_READ("data.read"),
    /** Images were sent over HTTP (STOW-RS, uploads). */
    DATA_STORE("data.store"),
    /** An admin operated the server through the API (job lists, retries). */
    ADMIN_OPERATION("admin.operation");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The stored name. */
    public String code() {
        return code;
    }

    /** The action stored as {@code code}, if any. */
    public static Optional<AuditAction> parse(String code) {
        String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        for (AuditAction a : values()) {
            if (a.code.equals(c)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
