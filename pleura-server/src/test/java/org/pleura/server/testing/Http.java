package org.pleura.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for the API tests. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String[] auth;

    public Http(String base) {
        this(base, new String[0]);
    }

    private Http(String base, String[] auth) {
        this.base = base;
        this.auth = auth;
    }

    /** The same client, sending a user name and password (HTTP Basic) with every request. */
    public Http withBasic(String user, String password) {
        String v = java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Http(base, new String[]{"Authorization", "Basic " + v});
    }

    private String[] headers(String... headers) {
        String[] all = java.util.Arrays.copyOf(auth, auth.length + headers.length);
        System.arraycopy(headers, 0, all, auth.length, headers.length);
        return all;
    }

    /** http://localhost:PORT. */
    public static Http local(int port) {
        return new Http("http://localhost:" + port);
    }

    public String base() {
        return base;
    }

    public HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (headers(headers).length > 0) {
            b.headers(headers(headers));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers(headers).length > 0) {
            b.headers(headers(headers));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET and parse JSON, asserting the status. */
    public JsonNode json(String path, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(path);
        if (r.statusCode() != expectedStatus) {
            throw new AssertionError("GET " + path + ": expected " + expectedStatus + ", got " + r.statusCode() + ": "
                    + new String(r.body()));
        }
        return JSON.readTree(r.body());
    }

    public static JsonNode parse(byte[] body) throws IOException {
        return JSON.readTree(body);
    }
}
