package org.pleura.server.auth;

/** What a sign-in attempt gave. */
public sealed interface LoginOutcome {

    /** Signed in. */
    record SignedIn(User user, SessionStore.Opened session) implements LoginOutcome {
    }

    /** The password is right (HTTP Basic: no session is opened). */
    record Verified(User user) implements LoginOutcome {
    }

    /** Unknown user, wrong password or disabled account (the caller is not told which). */
    record Refused() implements LoginOutcome {
    }

    /**
     * This client address has failed too often for this name: it must wait before trying again (the account itself
     * is not locked; unknown names are answered the same way).
     *
     * @param waitMillis how long to wait
     */
    record Throttled(long waitMillis) implements LoginOutcome {
    }

    /** Too many password checks at once (they are deliberately slow); try again in a moment. */
    record Busy() implements LoginOutcome {
    }
}
