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

    public Http(String base) {
        this.base = base;
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
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> post(String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
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
