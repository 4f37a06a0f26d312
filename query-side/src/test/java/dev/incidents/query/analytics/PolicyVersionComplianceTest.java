package dev.incidents.query.analytics;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.sla.ServiceLevelCollection;
import dev.incidents.query.sla.ServiceLevelProjections;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestCallers;

/**
 * Two identical incidents judged by two versions of one policy: each keeps the version in effect at its report, and
 * a replay of the same events gives the same records and figures.
 */
class PolicyVersionComplianceTest {

    /** Version 1 allows 240 minutes to resolve a P3 incident, version 2 (from 10 March) 120 minutes. */
    private static final ServiceLevelTerms V1 = ServiceLevelEvents.terms(1, Instant.parse("2025-01-01T00:00:00Z"),
            Duration.ofMinutes(30), Duration.ofMinutes(240));
    private static final ServiceLevelTerms V2 = ServiceLevelEvents.terms(2, Instant.parse("2025-03-10T00:00:00Z"),
            Duration.ofMinutes(30), Duration.ofMinutes(120));
    private static final Caller ANALYST = TestCallers.caller("ana", Set.of(Role.ANALYST), List.of(), Set.of());
    private static final FetchAnalyticsQuery MARCH_P3 = new FetchAnalyticsQuery(AnalyticsMetric.SERVICE_LEVELS,
            new AnalyticsFilter(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:00Z"), null,
                    Priority.P3_MODERATE, null),
            null, null, ANALYST);

    private static InMemoryMongo mongo;

    private MongoTemplate template;
    private ServiceLevelProjections projection;

    @BeforeAll
    static void startMongo() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        mongo.clear();
        template = mongo.template();
        projection = new ServiceLevelProjections(template);
    }

    /** Reported at 09:00, resolved 150 minutes later, then closed. */
    private static List<IncidentEvent> incident(String id, String day, ServiceLevelTerms terms) {
        Instant reported = Instant.parse(day + "T09:00:00Z");
        return List.of(
                ServiceLevelEvents.reported(id, terms, reported),
                assigned(id, "NET", null, reported.plus(Duration.ofMinutes(5))),
                accepted(id, "NET", "sam", reported.plus(Duration.ofMinutes(10))),
                resolved(id, "NET", "sam", reported.plus(Duration.ofMinutes(150))),
                closed(id, reported.plus(Duration.ofDays(1))));
    }

    private IncidentEvent[] events() {
        List<IncidentEvent> events = new ArrayList<>(incident("MARCH-03", "2025-03-03", V1));
        events.addAll(incident("MARCH-10", "2025-03-10", V2));
        return events.toArray(IncidentEvent[]::new);
    }

    private List<Document> storedRecords() {
        return template.getCollection(ServiceLevelCollection.NAME).find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    @Test
    void eachIncidentKeepsPolicyVersionOfItsReport() {
        projection.batches().deliver(events());

        ServiceLevelFigures figures = (ServiceLevelFigures) new AnalyticsQueryHandler(template).handle(MARCH_P3)
                .buckets().get(0).figures();

        // 150 minutes meet version 1's 240 minutes and breach version 2's 120 minutes.
        assertThat(figures.resolution()).isEqualTo(new ServiceLevelFigures.Compliance(1, 1, 50.0));
        assertThat(storedRecords()).extracting(record -> record.getInteger("policyVersion")).containsExactly(1, 2);
    }

    @Test
    void replayGivesSameRecordsAndFigures() {
        projection.batches().deliver(events());
        List<Document> before = storedRecords();
        AnalyticsReport reportBefore = new AnalyticsQueryHandler(template).handle(MARCH_P3);

        projection.reset();
        assertThat(storedRecords()).isEmpty();
        // A replay delivers the events in batches of another size; here one event per batch.
        var replay = projection.batches();
        for (IncidentEvent event : events()) {
            replay.deliver(event);
        }

        assertThat(storedRecords()).isEqualTo(before);
        assertThat(new AnalyticsQueryHandler(template).handle(MARCH_P3)).isEqualTo(reportBefore);
    }
}
