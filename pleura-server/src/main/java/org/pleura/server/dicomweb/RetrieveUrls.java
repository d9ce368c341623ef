package org.pleura.server.dicomweb;

import io.javalin.http.Context;
import org.pleura.server.http.PublicBase;

/** The absolute URLs written in Retrieve URL (0008,1190), from the server's public address. */
final class RetrieveUrls {

    private final PublicBase publicBase;

    RetrieveUrls(PublicBase publicBase) {
        this.publicBase = publicBase;
    }

    /** The public base of the request, e.g. {@code https://pleura.example.org}. */
    String base(Context ctx) {
        return publicBase.of(ctx);
    }

    /** The WADO-RS URL of one instance. */
    String instance(Context ctx, String study, String series, String sop) {
        return base(ctx) + "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + sop;
    }
}
