package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.query.testing.TestOrganisation;
import dev.incidents.query.testing.TestStores;

/**
 * Reads the live queue streams over real HTTP from the whole query side: server-sent events with the first page, then
 * a new page after the tracking processors have projected a change of the queue.
 */
class QueueStreamApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @Test
    void requesterStreamSendsPageThenUpdates() throws Exception {
        project(reported("ST-R1", "rita", minute(0)));

        try (EventStream stream = open("rita", "/api/queues/requesters/rita/stream?size=5")) {
            JsonNode first = stream.next();
            assertThat(first.get("total").asLong()).isEqualTo(1);
            assertThat(ids(first)).containsExactly("ST-R1");

            STORES.events().append(reported("ST-R2", "rita", minute(1)));

            JsonNode second = stream.next();
            assertThat(second.get("total").asLong()).isEqualTo(2);
            assertThat(ids(second)).containsExactly("ST-R2", "ST-R1");
        }
    }

    @Test
    void groupStreamFollowsAssignment() throws Exception {
        project(reported("ST-G1", "carol", minute(2)));

        try (EventStream stream = open("sam", "/api/queues/groups/NETWORK/stream")) {
            JsonNode first = stream.next();
            assertThat(first.get("total").asLong()).isZero();

            STORES.events().append(assigned("ST-G1", "NETWORK", null, minute(3)));

            JsonNode second = stream.next();
            assertThat(ids(second)).containsExactly("ST-G1");
        }
    }

    @Test
    void otherRequesterStreamIsForbidden() throws Exception {
        HttpResponse<String> response = http.send(request("rita", "/api/queues/requesters/carol/stream"),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("resource").asText()).isEqualTo("requester queue of carol");
    }

    @Test
    void streamWithoutCredentialsIsUnauthorized() throws Exception {
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/queues/service-desk/stream"))
                .header("Accept", "text/event-stream").build();

        HttpResponse<String> response = http.send(anonymous, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private EventStream open(String user, String path) throws Exception {
        HttpResponse<Stream<String>> response = http.send(request(user, path), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        return new EventStream(response.body());
    }

    private HttpRequest request(String user, String path) {
        String credentials = user + ":" + TestOrganisation.password(user);
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("incidentId").asText()));
        return ids;
    }

    /** The {@code page} events of one open stream, read by a thread of their own. */
    private final class EventStream implements AutoCloseable {

        private final Stream<String> lines;
        private final BlockingQueue<String> pages = new LinkedBlockingQueue<>();

        EventStream(Stream<String> lines) {
            this.lines = lines;
            Thread reader = new Thread(this::read, "queue-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            String[] event = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("event:")) {
                        event[0] = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:") && "page".equals(event[0])) {
                        pages.add(line.substring("data:".length()));
                    }
                });
            } catch (RuntimeException closed) {
                // The test closed the stream.
            }
        }

        JsonNode next() throws Exception {
            String page = pages.poll(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(page).as("a page event within %s", EVENT_TIMEOUT).isNotNull();
            return json.readTree(page);
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
