package org.pleura.server.http;

import io.javalin.http.Context;

/** Query parameters read the same way by every API: stripped text, whole numbers; bad input is a 400. */
public final class QueryParams {

    private QueryParams() {
    }

    /** The parameter's value, stripped; "" when absent. */
    public static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }

    /** The parameter as a whole number, {@code dflt} when absent or blank; 400 when it is not a number. */
    public static long whole(Context ctx, String name, long dflt) {
        String v = text(ctx, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number, got '" + v + "'");
        }
    }

    /** {@link #whole} for page sizes and offsets; 400 beyond the int range. */
    public static int wholeInt(Context ctx, String name, int dflt) {
        long v = whole(ctx, name, dflt);
        if (v != (int) v) {
            throw ProblemException.badRequest(name + " is out of range: " + v);
        }
        return (int) v;
    }
}
