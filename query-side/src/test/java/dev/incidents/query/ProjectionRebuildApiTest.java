package dev.incidents.query;

import static dev.incidents.query.testing.ServiceLevelEvents.breach;
import static dev.incidents.query.testing.ServiceLevelEvents.warning;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.organisation.OrganisationPublished;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestOrganisation;
import dev.incidents.query.testing.TestServiceLevels;
import dev.incidents.query.testing.TestStores;

/**
 * Rebuilds every read model through {@code POST /api/projections/{name}/rebuild} and compares the fingerprints
 * taken before and after, with events of every kind the projections handle in the event store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser ADAM = ApiUser.basic("adam");
    private static final ApiUser ANA = ApiUser.basic("ana");

    private static final List<String> PROCESSORS = List.of("audit-trail", "event-hashes", "incident-summary",
            "organisation", "queue-history", "refusal-log", "service-level-definitions", "service-levels");
    /** The processors this test's events fill; no command was refused, so the refusal log stays empty. */
    private static final List<String> REBUILT = PROCESSORS.stream()
            .filter(processor -> !processor.equals("refusal-log")).toList();
    /** Events appended besides the incident events: one organisation version, one calendar and one policy. */
    private static final long ORGANISATION_EVENTS = 1;
    private static final long DEFINITION_EVENTS = 2;
    private static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(60);
    private static final ServiceLevelTerms TERMS = ServiceLevelEvents.terms(1, Instant.parse("2024-01-01T00:00:00Z"),
            Duration.ofMinutes(20), Duration.ofHours(4));

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void appendEvents() {
        Organisation organisation = TestOrganisation.organisation();
        STORES.events().append("Organisation", "organisation", new OrganisationPublished("organisation", 1,
                "sha256-of-test-organisation", organisation.groups(), organisation.users(), minute(0)), minute(0));
        TestServiceLevels.saveCalendar(STORES.events(), "weekdays", 1,
                TestServiceLevels.weekdays("Europe/Amsterdam", "08:00-18:00"), minute(0));
        TestServiceLevels.publishPolicy(STORES.events(), TestServiceLevels.policy("standard", 1, minute(0),
                Duration.ofHours(1), Duration.ofHours(8)), "weekdays", minute(0));

        // The events go in as many small appends, as the command side writes them. The rebuild replays them in
        // batches of up to 500 events, so a projection whose documents depend on batch boundaries would differ.
        for (int i = 1; i <= 40; i++) {
            String id = "INC-" + i;
            int start = i * 10;
            STORES.events().append(
                    ServiceLevelEvents.reported(id, TERMS, minute(start)),
                    assigned(id, "NETWORK", "bob", minute(start + 1)),
                    accepted(id, "NETWORK", "bob", minute(start + 2)),
                    workNote(id, "checked the link of " + id, minute(start + 3)));
            if (i % 3 == 0) {
                STORES.events().append(warning(id, ServiceLevelClockKind.RESOLUTION, TERMS, minute(start + 4)),
                        breach(id, ServiceLevelClockKind.RESOLUTION, TERMS, minute(start + 5)));
            }
            if (i % 4 == 0) {
                STORES.events().append(
                        reassigned(id, "NETWORK", "bob", "DATABASE", "dave", IncidentState.IN_PROGRESS, 1,
                                minute(start + 6)),
                        accepted(id, "DATABASE", "dave", minute(start + 7)));
            }
            if (i % 5 == 0) {
                STORES.events().append(resolved(id, i % 4 == 0 ? "DATABASE" : "NETWORK", i % 4 == 0 ? "dave" : "bob",
                                minute(start + 8)),
                        reopened(id, i % 4 == 0 ? "DATABASE" : "NETWORK", IncidentState.RESOLVED, 1,
                                minute(start + 9)));
            }
            if (i % 10 == 0) {
                // A note five hours in finds the 4-hour resolution clock breached, so the service level queue
                // history gets periods.
                STORES.events().append(workNote(id, "still waiting for the carrier", minute(start + 300)));
            }
        }
    }

    @Test
    @Order(1)
    void rebuildKeepsEveryFingerprint() throws Exception {
        awaitCaughtUp();

        for (String processor : REBUILT) {
            JsonNode before = read(AUDREY, "/api/projections/" + processor + "/fingerprint", 200);
            assertThat(before.get("processorCaughtUp").asBoolean()).as(processor).isTrue();
            for (JsonNode collection : before.get("collections")) {
                assertThat(collection.get("documents").asLong()).as("documents in %s", collection).isPositive();
            }

            JsonNode started = rebuild(ADAM, processor, 202);
            assertThat(started.get("rebuildId").asText()).as(processor).isNotBlank();
            assertThat(started.get("requestedBy").asText()).isEqualTo("adam");
            JsonNode done = awaitRebuildDone(processor, started.get("rebuildId").asText());

            JsonNode after = read(AUDREY, "/api/projections/" + processor + "/fingerprint", 200);
            assertThat(after.get("fingerprint").asText()).as(processor)
                    .isEqualTo(before.get("fingerprint").asText());
            assertThat(after.get("collections")).as(processor).isEqualTo(before.get("collections"));
            // A processor skips the events it has no handler for without counting them.
            assertThat(done.get("eventsDone").asLong()).as(processor).isEqualTo(handledEvents(processor));
            assertThat(done.get("lag").asLong()).as(processor).isZero();
            assertThat(done.get("position").asLong()).as(processor).isEqualTo(done.get("head").asLong());
            assertThat(done.get("estimatedSecondsLeft").asDouble()).as(processor).isZero();
            assertThat(done.get("eventsPerSecond").asDouble()).as(processor).isPositive();
        }
    }

    @Test
    @Order(2)
    void changedDocumentChangesFingerprint() throws Exception {
        awaitCaughtUp();
        JsonNode original = read(AUDREY, "/api/projections/incident-summary/fingerprint", 200);
        MongoCollection<Document> summaries = STORES.mongo().client().getDatabase(InMemoryMongo.DATABASE)
                .getCollection("incident_summaries");

        summaries.updateOne(new Document("_id", "INC-7"), new Document("$set", new Document("assignee", "mallory")));
        JsonNode changed = read(AUDREY, "/api/projections/incident-summary/fingerprint", 200);

        assertThat(changed.get("fingerprint").asText()).isNotEqualTo(original.get("fingerprint").asText());
        JsonNode changedCollection = collection(changed, "incident_summaries");
        JsonNode originalCollection = collection(original, "incident_summaries");
        assertThat(changedCollection.get("name")).isEqualTo(originalCollection.get("name"));
        assertThat(changedCollection.get("documents")).isEqualTo(originalCollection.get("documents"));
        assertThat(changedCollection.get("sha256").asText()).isNotEqualTo(originalCollection.get("sha256").asText());

        JsonNode started = rebuild(AUDREY, "incident-summary", 202);
        awaitRebuildDone("incident-summary", started.get("rebuildId").asText());
        JsonNode repaired = read(AUDREY, "/api/projections/incident-summary/fingerprint", 200);
        assertThat(repaired.get("fingerprint").asText()).isEqualTo(original.get("fingerprint").asText());
        assertThat(read(AUDREY, "/api/incidents/INC-7", 200).get("assignee").asText()).isEqualTo("bob");
    }

    @Test
    @Order(3)
    void secondRebuildWhileRunningConflicts() throws Exception {
        awaitCaughtUp();

        JsonNode first = rebuild(ADAM, "audit-trail", 202);
        JsonNode second = rebuild(AUDREY, "audit-trail", 409);

        assertThat(second.get("code").asText()).isEqualTo("REBUILD_RUNNING");
        assertThat(second.get("rebuildId").asText()).isEqualTo(first.get("rebuildId").asText());
        assertThat(second.get("detail").asText()).contains("/api/projections/audit-trail/rebuild");
        JsonNode other = rebuild(AUDREY, "incident-summary", 409);
        assertThat(other.get("rebuildId").asText()).isEqualTo(first.get("rebuildId").asText());
        assertThat(other.get("detail").asText()).contains("one rebuild runs at a time");
        // The other processors and the read endpoints keep serving while audit-trail is stopped and replays.
        read(AUDREY, "/api/incidents/INC-1", 200);
        JsonNode status = read(ANA, "/api/projections", 200);
        for (JsonNode processor : status.get("processors")) {
            if (!processor.get("name").asText().equals("audit-trail")) {
                assertThat(processor.get("running").asBoolean()).as("%s", processor).isTrue();
            }
        }
        awaitRebuildDone("audit-trail", first.get("rebuildId").asText());
        JsonNode third = rebuild(AUDREY, "audit-trail", 202);
        assertThat(third.get("rebuildId").asText()).isNotEqualTo(first.get("rebuildId").asText());
        awaitRebuildDone("audit-trail", third.get("rebuildId").asText());
    }

    @Test
    @Order(4)
    void unknownProcessorIsNotFound() throws Exception {
        JsonNode rebuild = rebuild(ADAM, "incident-summaries", 404);
        JsonNode fingerprint = read(ADAM, "/api/projections/incident-summaries/fingerprint", 404);
        JsonNode progress = read(ADAM, "/api/projections/incident-summaries/rebuild", 404);

        for (JsonNode problem : List.of(rebuild, fingerprint, progress)) {
            assertThat(problem.get("code").asText()).isEqualTo("PROJECTION_NOT_FOUND");
            assertThat(problem.get("processor").asText()).isEqualTo("incident-summaries");
            List<String> names = new ArrayList<>();
            problem.get("processors").forEach(name -> names.add(name.asText()));
            assertThat(names).isEqualTo(PROCESSORS);
            assertThat(problem.get("detail").asText()).contains("incident-summary");
        }
    }

    @Test
    @Order(5)
    void onlyAuditorsAndAdminsRebuild() throws Exception {
        JsonNode rejected = rebuild(ANA, "incident-summary", 403);
        assertThat(rejected.get("code").asText()).isEqualTo("NOT_PERMITTED");
        read(ANA, "/api/projections/incident-summary/fingerprint", 403);
        read(ANA, "/api/projections/incident-summary/rebuild", 403);
        read(ApiUser.basic("rita"), "/api/projections/incident-summary/fingerprint", 403);
    }

    @Test
    @Order(6)
    void statusAndMetricsShowRebuild() throws Exception {
        awaitCaughtUp();
        JsonNode status = read(AUDREY, "/api/projections", 200);

        for (JsonNode processor : status.get("processors")) {
            if (!REBUILT.contains(processor.get("name").asText())) {
                continue;
            }
            JsonNode rebuild = processor.get("rebuild");
            assertThat(rebuild.get("state").asText()).as("%s", processor).isEqualTo("DONE");
            assertThat(rebuild.get("processor").asText()).isEqualTo(processor.get("name").asText());
            String tag = "?tag=processor:" + processor.get("name").asText();
            assertThat(metric("incidents.projection.rebuild.events" + tag))
                    .isEqualTo(rebuild.get("eventsDone").asDouble());
            assertThat(metric("incidents.projection.lag" + tag)).isZero();
            assertThat(metric("incidents.projection.position" + tag)).isEqualTo(status.get("head").asDouble());
            assertThat(metric("incidents.projection.rebuild.running" + tag)).isZero();
        }
        read(AUDREY, "/actuator/metrics/incidents.projection.lag", 403);
    }

    /** Returns the number of appended events that the processor has handlers for. */
    private static long handledEvents(String processor) {
        return switch (processor) {
            case "organisation" -> ORGANISATION_EVENTS;
            case "service-level-definitions" -> DEFINITION_EVENTS;
            default -> STORES.events().appended() - ORGANISATION_EVENTS - DEFINITION_EVENTS;
        };
    }

    private double metric(String path) throws Exception {
        JsonNode metric = read(ADAM, "/actuator/metrics/" + path, 200);
        return metric.get("measurements").get(0).get("value").asDouble();
    }

    private JsonNode rebuild(ApiUser user, String processor, int expectedStatus) throws Exception {
        MvcResult result = perform(user, post(URI.create("/api/projections/" + processor + "/rebuild")));
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as("status of the rebuild of %s as %s with body %s", processor,
                user.name(), body).isEqualTo(expectedStatus);
        return json.readTree(body);
    }

    /** Polls the progress of the rebuild until it is done, checking the figures on the way, and returns it. */
    private JsonNode awaitRebuildDone(String processor, String rebuildId) throws Exception {
        Instant deadline = Instant.now().plus(REBUILD_TIMEOUT);
        JsonNode progress = read(AUDREY, "/api/projections/" + processor + "/rebuild", 200);
        while (!progress.get("state").asText().equals("DONE")) {
            assertThat(progress.get("state").asText()).as("state of %s", progress).isEqualTo("RUNNING");
            assertThat(Instant.now()).as("time to rebuild %s; last progress %s", processor, progress)
                    .isBefore(deadline);
            Thread.sleep(50);
            progress = read(AUDREY, "/api/projections/" + processor + "/rebuild", 200);
        }
        assertThat(progress.get("rebuildId").asText()).isEqualTo(rebuildId);
        assertThat(progress.get("finishedAt").asText()).isNotBlank();
        return progress;
    }

    private static JsonNode collection(JsonNode fingerprint, String name) {
        for (JsonNode collection : fingerprint.get("collections")) {
            if (name.equals(collection.get("name").asText())) {
                return collection;
            }
        }
        throw new AssertionError("fingerprint has no collection " + name + ": " + fingerprint);
    }
}
