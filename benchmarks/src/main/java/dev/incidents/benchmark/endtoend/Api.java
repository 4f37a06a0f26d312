package dev.incidents.benchmark.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** JSON over HTTP to one server, as one user of the demo credentials. */
final class Api {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client;
    private final URI base;
    private final String authorization;

    Api(HttpClient client, URI base, String user, String password) {
        this.client = client;
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns an HTTP/1.1 client: the servers leave HTTP/2 off, so an h2c upgrade attempt would only cost time. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends a GET and returns the status code, without reading the body into a tree. */
    int getStatus(String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return expectOk("GET", path, client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return expectOk("POST", path, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode upload(String path, Path file) throws IOException, InterruptedException {
        HttpRequest request = request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        return expectOk("POST", path, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private static JsonNode expectOk(String method, String path, HttpResponse<String> response) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " returned " + response.statusCode() + ": "
                    + response.body());
        }
        String body = response.body();
        return body == null || body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
    }
}
