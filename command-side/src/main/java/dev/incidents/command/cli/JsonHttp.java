package dev.incidents.command.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP client for the JSON endpoints of both servers, limited to what the command-line tool needs. */
final class JsonHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final String authorization;

    /** A client that sends no credentials. */
    JsonHttp() {
        this(null);
    }

    /** @param authorization the Authorization header sent with every API request, or null for none */
    JsonHttp(String authorization) {
        this.authorization = authorization;
        // HTTP/1.1, because on http:// URLs the JDK client would otherwise send an h2c upgrade request, and Spring Boot
        // leaves HTTP/2 off unless server.http2.enabled is set.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Returns the HTTP Basic Authorization header value of a user and password. */
    static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a request to an API endpoint, with the credentials this client was given. */
    HttpRequest.Builder newRequest(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** Sends a GET request and maps a 200 response body to {@code type}. Any other status raises. */
    <T> T get(URI uri, Class<T> type) throws IOException, InterruptedException {
        HttpRequest request = newRequest(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UnexpectedStatusException("GET", uri, response.statusCode(), response.body());
        }
        return mapper.readValue(response.body(), type);
    }

    /** Sends a GET request with a short timeout and returns the status code and body, whatever the status. */
    HttpResponse<String> probe(URI uri, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a request and returns the response body as text. A file body publisher reads the file while the request
     * is sent, so large uploads never sit in memory.
     */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A response whose status code the caller did not expect; the message carries the body's first characters. */
    static final class UnexpectedStatusException extends IOException {

        private static final long serialVersionUID = 1L;
        private static final int MAX_BODY_CHARS = 500;
        private static final ObjectMapper PROBLEM_READER = new ObjectMapper();

        private final int statusCode;

        UnexpectedStatusException(String method, URI uri, int statusCode, String body) {
            super(method + " " + uri + " returned HTTP " + statusCode + bodyExcerpt(body));
            this.statusCode = statusCode;
        }

        int statusCode() {
            return statusCode;
        }

        /** Returns the {@code detail} of an RFC 9457 problem body, or else the body's first characters. */
        private static String bodyExcerpt(String body) {
            if (body == null || body.isBlank()) {
                return "";
            }
            try {
                JsonNode detail = PROBLEM_READER.readTree(body).path("detail");
                if (detail.isTextual() && !detail.asText().isBlank()) {
                    return ": " + detail.asText();
                }
            } catch (IOException e) {
                // Not JSON: the raw body follows.
            }
            String trimmed = body.strip();
            return ": " + (trimmed.length() > MAX_BODY_CHARS ? trimmed.substring(0, MAX_BODY_CHARS) + "..." : trimmed);
        }
    }
}
