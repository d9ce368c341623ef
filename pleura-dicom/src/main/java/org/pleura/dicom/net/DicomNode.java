package org.pleura.dicom.net;

import java.util.Objects;

/**
 * A DICOM peer: its AE title and network address, written {@code AET@host:port} (e.g. {@code PACS@10.0.0.5:104}),
 * or {@code AET@host:port?tls} for a peer reached over TLS (DICOM PS3.15 Annex B).
 *
 * @param aeTitle the peer's AE title (the called AE title of an association to it)
 * @param host    host name or IP address
 * @param port    TCP port, 1 to 65535
 * @param tls     true to connect with TLS
 */
public record DicomNode(String aeTitle, String host, int port, boolean tls) {

    /** A peer reached over plain TCP. */
    public DicomNode(String aeTitle, String host, int port) {
        this(aeTitle, host, port, false);
    }

    public DicomNode {
        aeTitle = AeTitles.requireValid(aeTitle);
        Objects.requireNonNull(host);
        if (host.isBlank()) {
            throw new IllegalArgumentException("a DICOM node needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }

    /**
     * Parses {@code AET@host:port}; an IPv6 address is written in brackets ({@code PACS@[::1]:104}).
     *
     * @throws IllegalArgumentException with the expected form when the text does not match it
     */
    public static DicomNode parse(String text) {
        String t = text == null ? "" : text.strip();
        boolean tls = false;
        int q = t.indexOf('?');
        if (q >= 0) {
            if (!t.substring(q + 1).equalsIgnoreCase("tls")) {
                throw new IllegalArgumentException("expected AET@host:port or AET@host:port?tls, got '" + text + "'");
            }
            tls = true;
            t = t.substring(0, q);
        }
        int at = t.indexOf('@');
        int colon = t.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == t.length() - 1) {
            throw new IllegalArgumentException("expected AET@host:port (e.g. PACS@10.0.0.5:104), got '" + text + "'");
        }
        String host = t.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected AET@host:port with a numeric port, got '" + text + "'");
        }
        return new DicomNode(t.substring(0, at), host, port, tls);
    }

    /** {@code AET@host:port}, with {@code ?tls} for a TLS peer. */
    @Override
    public String toString() {
        return aeTitle + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + (tls ? "?tls" : "");
    }
}
