package dev.incidents.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's Prometheus endpoint and health components: command timers by command and outcome, the event
 * store indicator, and the ADMIN rule for everything but health. Spring Boot's tests switch metrics export off
 * unless they ask for it, hence {@link AutoConfigureObservability}.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitoringEndpointsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private static Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "monitoring-test");
    }

    @Test
    void prometheusCountsCommandsByOutcome() throws Exception {
        HttpResponse<String> reported = send("POST", "/api/incidents", """
                {"summary": "Printer offline", "requester": "rita", "impact": "LOW", "urgency": "LOW"}""", "desk");
        assertThat(reported.statusCode()).isEqualTo(201);
        String id = JSON.readTree(reported.body()).get("incidentId").asText();
        HttpResponse<String> refused = send("POST", "/api/incidents/" + id + "/close", "{}", "desk");
        assertThat(refused.statusCode()).isEqualTo(409);

        HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null, "adam");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(sampleValue(scrape.body(), "incidents_commands_seconds_count",
                "command=\"ReportIncidentCommand\"", "outcome=\"success\"")).hasValue(1.0);
        assertThat(sampleValue(scrape.body(), "incidents_commands_seconds_count",
                "command=\"CloseIncidentCommand\"", "outcome=\"rejected\"")).hasValue(1.0);
        assertThat(sampleValue(scrape.body(), "incidents_commands_seconds_bucket",
                "command=\"ReportIncidentCommand\"", "le=\"+Inf\"")).hasValue(1.0);
    }

    @Test
    void prometheusNeedsAdmin() throws Exception {
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/prometheus", null, "desk").statusCode()).isEqualTo(403);
    }

    @Test
    void healthReportsEventStore() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, "adam");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode eventStore = JSON.readTree(health.body()).path("components").path("eventStore");
        assertThat(eventStore.path("status").asText()).isEqualTo("UP");
        assertThat(eventStore.path("details").path("head").isNumber()).isTrue();
        assertThat(JSON.readTree(health.body()).path("components").has("axonServer")).isFalse();
    }

    /** Returns the value of the first sample of the metric whose labels contain every given label. */
    private static Optional<Double> sampleValue(String exposition, String metric, String... labels) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", TestUsers.of(dataDir).authorization(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
