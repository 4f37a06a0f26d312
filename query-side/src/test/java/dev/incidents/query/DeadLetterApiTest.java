package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * Parks the events of one incident in the dead-letter queue of the {@code incident-summary} processing group through
 * an injected handler failure, and lists, retries and evicts them through {@code /api/dead-letters}, with the real
 * processors, MongoDB queue and security.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    /** Incidents whose events the injected handler fails. */
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    private static final String GROUP = "incident-summary";
    private static final ApiUser ADAM = ApiUser.basic("adam");
    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser RITA = ApiUser.basic("rita");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @TestConfiguration
    static class FaultInjection {

        @Bean
        FailingSummaryHandler failingSummaryHandler() {
            return new FailingSummaryHandler();
        }
    }

    /** A second handler of the incident summary's processing group that fails every event of a listed incident. */
    @ProcessingGroup(GROUP)
    static class FailingSummaryHandler {

        @EventHandler
        void on(IncidentEvent event) {
            String incidentId = event.incidentId().value();
            if (FAILING.contains(incidentId)) {
                throw new IllegalArgumentException("injected failure for incident " + incidentId);
            }
        }
    }

    @Test
    @Order(1)
    void failedIncidentIsParkedWhileOthersProject() throws Exception {
        project(reported("DL-1", "carol", minute(0)), reported("DL-2", "carol", minute(0)));
        FAILING.add("DL-1");

        project(assigned("DL-1", "NETWORK", "sam", minute(1)), assigned("DL-2", "NETWORK", "sam", minute(1)),
                accepted("DL-1", "NETWORK", "sam", minute(2)), accepted("DL-2", "NETWORK", "sam", minute(2)));

        assertThat(read(AUDREY, "/api/incidents/DL-2", 200).get("state").asText()).isEqualTo("IN_PROGRESS");
        JsonNode parkedIncident = read(AUDREY, "/api/incidents/DL-1", 200);
        assertThat(parkedIncident.get("state").asText()).isNotEqualTo("IN_PROGRESS");
        assertThat(parkedIncident.get("lastSequence").asLong()).isLessThan(2);

        JsonNode letters = read(AUDREY, "/api/dead-letters/" + GROUP, 200);
        assertThat(letters).hasSize(2);
        JsonNode failed = letters.get(0);
        assertThat(failed.get("sequence").asText()).isEqualTo("DL-1");
        assertThat(failed.get("incidentId").asText()).isEqualTo("DL-1");
        assertThat(failed.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(failed.get("eventType").asText()).isEqualTo("IncidentAssigned");
        assertThat(failed.get("eventId").asText()).isNotBlank();
        assertThat(failed.get("causeType").asText()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(failed.get("causeMessage").asText()).contains("injected failure for incident DL-1");
        assertThat(failed.get("enqueuedAt").asText()).isNotBlank();
        assertThat(failed.get("lastTouched").asText()).isNotBlank();
        assertThat(failed.get("retries").asLong()).isZero();
        JsonNode queued = letters.get(1);
        assertThat(queued.get("sequence").asText()).isEqualTo("DL-1");
        assertThat(queued.get("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(queued.get("eventType").asText()).isEqualTo("AssignmentAccepted");
        assertThat(queued.get("causeType").isNull()).isTrue();

        JsonNode summaries = read(AUDREY, "/api/dead-letters", 200);
        for (JsonNode summary : summaries) {
            boolean parkedGroup = summary.get("processingGroup").asText().equals(GROUP);
            assertThat(summary.get("letters").asLong()).as(summary.toString()).isEqualTo(parkedGroup ? 2 : 0);
            assertThat(summary.get("sequences").asLong()).as(summary.toString()).isEqualTo(parkedGroup ? 1 : 0);
        }
    }

    @Test
    @Order(2)
    void healthShowsParkedLettersAndSegments() throws Exception {
        JsonNode health = read(ADAM, "/actuator/health", 200);

        JsonNode processors = health.at("/components/eventProcessors/details/processors");
        assertThat(processors.get(GROUP).get("deadLetters").asLong()).isEqualTo(2);
        assertThat(processors.get(GROUP).get("running").asBoolean()).isTrue();
        assertThat(processors.get("audit-trail").get("deadLetters").asLong()).isZero();
        for (JsonNode segment : processors.get(GROUP).get("segments")) {
            assertThat(segment.get("claim").asText()).as(segment.toString()).isEqualTo("THIS_INSTANCE");
            assertThat(segment.get("lag").asLong()).as(segment.toString()).isZero();
        }
        assertThat(health.at("/components/eventProcessors/status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(3)
    void retryWhileFaultStaysKeepsLetters() throws Exception {
        JsonNode result = send(ADAM, post(URI.create("/api/dead-letters/" + GROUP + "/sequences/DL-1/retry")), 200);

        assertThat(result.get("succeeded").asBoolean()).isFalse();
        assertThat(result.get("remaining")).hasSize(2);
        assertThat(result.get("remaining").get(0).get("retries").asLong()).isEqualTo(1);
        assertThat(read(AUDREY, "/api/incidents/DL-1", 200).get("lastSequence").asLong()).isLessThan(2);
    }

    @Test
    @Order(4)
    void retryAfterFaultRemovedProjectsInOrder() throws Exception {
        FAILING.clear();

        JsonNode result = send(ADAM, post(URI.create("/api/dead-letters/" + GROUP + "/sequences/DL-1/retry")), 200);

        assertThat(result.get("succeeded").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("remaining")).isEmpty();
        JsonNode incident = read(AUDREY, "/api/incidents/DL-1", 200);
        assertThat(incident.get("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(incident.get("lastSequence").asLong()).isEqualTo(2);
        assertThat(read(AUDREY, "/api/dead-letters/" + GROUP, 200)).isEmpty();

        project(accepted("DL-1", "NETWORK", "mona", minute(3)));
        assertThat(read(AUDREY, "/api/incidents/DL-1", 200).get("lastSequence").asLong()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void evictRemovesSequence() throws Exception {
        project(reported("DL-3", "carol", minute(4)));
        FAILING.add("DL-3");
        project(assigned("DL-3", "NETWORK", "sam", minute(5)));
        assertThat(read(AUDREY, "/api/dead-letters/" + GROUP, 200)).hasSize(1);

        JsonNode evicted = send(ADAM, delete(URI.create("/api/dead-letters/" + GROUP + "/sequences/DL-3")), 200);
        FAILING.clear();

        assertThat(evicted).hasSize(1);
        assertThat(evicted.get(0).get("eventType").asText()).isEqualTo("IncidentAssigned");
        assertThat(read(AUDREY, "/api/dead-letters/" + GROUP, 200)).isEmpty();
        JsonNode retryEvicted = send(ADAM, post(URI.create("/api/dead-letters/" + GROUP + "/sequences/DL-3/retry")),
                404);
        assertThat(retryEvicted.get("code").asText()).isEqualTo("DEAD_LETTER_SEQUENCE_NOT_FOUND");

        // Later events of an evicted sequence are handled as usual.
        project(accepted("DL-3", "NETWORK", "sam", minute(6)));
        assertThat(read(AUDREY, "/api/dead-letters/" + GROUP, 200)).isEmpty();
        assertThat(read(AUDREY, "/api/incidents/DL-3", 200).get("lastSequence").asLong()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void retryAllHandlesEverySequence() throws Exception {
        FAILING.add("DL-4");
        FAILING.add("DL-5");
        project(reported("DL-4", "carol", minute(5)), reported("DL-5", "carol", minute(5)));
        assertThat(read(AUDREY, "/api/dead-letters/" + GROUP, 200)).hasSize(2);
        FAILING.clear();

        JsonNode results = send(ADAM, post(URI.create("/api/dead-letters/" + GROUP + "/retry")), 200);

        assertThat(results).hasSize(2);
        for (JsonNode result : results) {
            assertThat(result.get("succeeded").asBoolean()).as(result.toString()).isTrue();
        }
        assertThat(read(AUDREY, "/api/incidents/DL-4", 200).get("state").asText()).isEqualTo("NEW");
        assertThat(read(AUDREY, "/api/incidents/DL-5", 200).get("state").asText()).isEqualTo("NEW");
    }

    @Test
    @Order(7)
    void errorsAreProblemDetails() throws Exception {
        JsonNode unknownGroup = read(AUDREY, "/api/dead-letters/no-such-group", 404);
        assertThat(unknownGroup.get("code").asText()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(unknownGroup.get("processors").toString()).contains(GROUP);

        JsonNode unknownSequence = send(ADAM, delete(URI.create("/api/dead-letters/" + GROUP + "/sequences/NONE")),
                404);
        assertThat(unknownSequence.get("code").asText()).isEqualTo("DEAD_LETTER_SEQUENCE_NOT_FOUND");
        assertThat(unknownSequence.get("detail").asText()).contains("NONE");

        JsonNode auditorRetry = send(AUDREY, post(URI.create("/api/dead-letters/" + GROUP + "/retry")), 403);
        assertThat(auditorRetry.get("code").asText()).isNotBlank();
        send(RITA, get(URI.create("/api/dead-letters")), 403);
    }

    @Test
    @Order(8)
    void segmentGaugesReadLagAndClaims() throws Exception {
        // New segments are registered by a background task every 10 seconds.
        String lagPath = "/actuator/metrics/incidents.projection.segment.lag?tag=processor:" + GROUP
                + "&tag=segment:0";
        Instant deadline = Instant.now().plusSeconds(30);
        MvcResult lag = perform(ADAM, get(URI.create(lagPath)));
        while (lag.getResponse().getStatus() == 404 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            lag = perform(ADAM, get(URI.create(lagPath)));
        }
        assertThat(lag.getResponse().getStatus()).as(lag.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(valueOf(json.readTree(lag.getResponse().getContentAsString()))).isZero();

        JsonNode claimed = send(ADAM, get(URI.create(
                "/actuator/metrics/incidents.projection.segment.claimed?tag=processor:" + GROUP + "&tag=segment:0")),
                200);
        assertThat(valueOf(claimed)).isEqualTo(1);
        JsonNode parked = send(ADAM, get(URI.create(
                "/actuator/metrics/incidents.projection.dead-letters?tag=processor:" + GROUP)), 200);
        assertThat(valueOf(parked)).isZero();
    }

    private static double valueOf(JsonNode metric) {
        return metric.get("measurements").get(0).get("value").asDouble();
    }

    private JsonNode send(ApiUser user, MockHttpServletRequestBuilder request, int expectedStatus) throws Exception {
        MvcResult result = perform(user, request);
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as("status as %s with body %s", user.name(), body)
                .isEqualTo(expectedStatus);
        return json.readTree(body);
    }
}
