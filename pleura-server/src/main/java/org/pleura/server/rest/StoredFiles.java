package org.pleura.server.rest;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pleura.server.http.ProblemException;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;

/** The instance a path names, and the files of the data directory streamed as answers. */
final class StoredFiles {

    private final DataDirectory dir;
    private final Queries queries;

    StoredFiles(DataDirectory dir, Queries queries) {
        this.dir = dir;
        this.queries = queries;
    }

    /** The instance of the {@code {instance}} path parameter; 404 when unknown. */
    Rows.Instance instanceOf(Context ctx) {
        String uid = ctx.pathParam("instance");
        return queries.instance(uid).orElseThrow(() -> ProblemException.notFound("no instance " + uid));
    }

    /** Streams a file of the data directory; 404 when it is missing. */
    void send(Context ctx, String relative, String contentType) throws IOException {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw ProblemException.notFound("the file of this object is missing from the data directory");
        }
        ctx.contentType(contentType);
        ctx.header("Content-Length", Long.toString(Files.size(p)));
        ctx.result(Files.newInputStream(p));
    }
}
