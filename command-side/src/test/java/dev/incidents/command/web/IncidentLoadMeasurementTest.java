package dev.incidents.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.command.incident.Incident;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how long loading an incident takes against the number of its events, with and without a snapshot, and
 * prints a table. The figures chose the default of {@code incidents.snapshots.threshold}; docs/benchmarks.md
 * records them. It asserts only that each load returns the whole incident, never a time. Run it with
 * {@code ./mvnw -B test -pl command-side -am -Dtest=IncidentLoadMeasurementTest -Dincidents.measure-load=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "incidents.measure-load", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentLoadMeasurementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Events per measured incident: the report adds IncidentReported and IncidentAssigned, work notes the rest. */
    private static final int[] EVENT_COUNTS = {10, 50, 100, 200, 500, 1000, 2000};
    private static final int WARM_UP_LOADS = 20;
    private static final int MEASURED_LOADS = 25;

    @LocalServerPort
    int port;

    @Autowired
    Repository<Incident> incidentRepository;

    @Autowired
    Snapshotter snapshotter;

    @Autowired
    Cache incidentCache;

    private static Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws IOException {
        dataDir = TemporaryStores.register(registry, "load-measurement");
        // Off, so that each incident loads from its events until the measurement takes a snapshot itself.
        registry.add("incidents.snapshots.threshold", () -> 0);
    }

    @Test
    void loadTimeGrowsWithEvents() throws Exception {
        StringBuilder table = new StringBuilder(String.format("%n%8s %28s %28s%n", "events",
                "from events: min / median ms", "from snapshot: min / median ms"));
        for (int events : EVENT_COUNTS) {
            String id = incidentWithEvents(events);

            double[] fromEvents = loadMillis(id, events);
            snapshotter.scheduleSnapshot(Incident.class, id);
            double[] fromSnapshot = loadMillis(id, events);

            table.append(String.format("%8d %17.3f / %8.3f %17.3f / %8.3f%n", events, fromEvents[0],
                    fromEvents[fromEvents.length / 2], fromSnapshot[0], fromSnapshot[fromSnapshot.length / 2]));
        }
        System.out.println(table);
    }

    /**
     * Loads the incident without the cache, as after a restart or on another node, and returns the sorted times. The
     * minimum shows the cost with the least interference from other processes, the median a typical load.
     */
    private double[] loadMillis(String id, int events) {
        double[] millis = new double[MEASURED_LOADS];
        for (int i = 0; i < WARM_UP_LOADS + MEASURED_LOADS; i++) {
            incidentCache.removeAll();
            long start = System.nanoTime();
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            Aggregate<Incident> incident = incidentRepository.load(id);
            long version = incident.version();
            unitOfWork.rollback();
            long elapsed = System.nanoTime() - start;

            assertThat(version).as("version of incident %s", id).isEqualTo(events - 1);
            if (i >= WARM_UP_LOADS) {
                millis[i - WARM_UP_LOADS] = elapsed / 1_000_000.0;
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private String incidentWithEvents(int events) throws Exception {
        HttpResponse<String> reported = post("/api/incidents", """
                {"summary": "Backup job fails", "requester": "rita", "impact": "MEDIUM", "urgency": "MEDIUM",
                 "assignedGroup": "NET"}""");
        assertThat(reported.statusCode()).isEqualTo(201);
        String id = JSON.readTree(reported.body()).get("incidentId").asText();
        for (int i = 2; i < events; i++) {
            assertThat(post("/api/incidents/" + id + "/work-notes", "{\"text\": \"checked the job log, run " + i
                    + "\"}").statusCode()).isEqualTo(200);
        }
        return id;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestUsers.of(dataDir).authorization("desk"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
