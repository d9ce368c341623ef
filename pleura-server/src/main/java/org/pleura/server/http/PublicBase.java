package org.pleura.server.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The base URL put in links the server hands out (DICOMweb retrieve URLs): the configured public URL, or else the
 * scheme, local address and port the request actually arrived on. The request's {@code Host} and
 * {@code X-Forwarded-Host} headers are never used: a DNS-rebinding page or any client chooses them, and links
 * built from them would send the next request (with its credentials) to the attacker's host.
 */
public final class PublicBase {

    private final Optional<String> configured;

    /** With the configured public URL, if any (no trailing slash needed). */
    public PublicBase(Optional<URI> publicUrl) {
        this.configured = publicUrl.map(u -> u.toString().replaceAll("/+$", ""));
    }

    /** The base URL for links in the answer to this request, without a trailing slash. */
    public String of(Context ctx) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String address = ctx.req().getLocalAddr();
        String host = address;
        try {
            if (InetAddress.getByName(address) instanceof java.net.Inet6Address) {
                host = "[" + address.replaceAll("%.*$", "") + "]";
            }
        } catch (UnknownHostException e) {
            host = "127.0.0.1";
        }
        return (ctx.req().isSecure() ? "https" : "http") + "://" + host + ":" + ctx.req().getLocalPort();
    }
}
