package dev.incidents.query.analytics;

import static dev.incidents.query.testing.ServiceLevelEvents.breach;
import static dev.incidents.query.testing.ServiceLevelEvents.warning;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.sla.ServiceLevelProjections;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectionBatches;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestCallers;

/** Counts a response accepted after its 20-minute target in the breached responses of its day. */
class LateResponseTest {

    private static final Instant TEN = Instant.parse("2025-03-03T10:00:00Z");
    private static final ServiceLevelTerms TERMS = ServiceLevelEvents.terms(1, Instant.parse("2025-01-01T00:00:00Z"),
            Duration.ofMinutes(20), Duration.ofHours(4));
    private static final Caller ANALYST = TestCallers.caller("ana", Set.of(Role.ANALYST), List.of(), Set.of());
    private static final FetchAnalyticsQuery THAT_DAY = new FetchAnalyticsQuery(AnalyticsMetric.SERVICE_LEVELS,
            new AnalyticsFilter(Instant.parse("2025-03-03T00:00:00Z"), Instant.parse("2025-03-04T00:00:00Z"), null,
                    null, null),
            null, null, ANALYST);

    private static InMemoryMongo mongo;

    private MongoTemplate template;
    private ProjectionBatches batches;

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
        batches = new ServiceLevelProjections(template).batches();
    }

    private static Instant at(int minutesAfterTen) {
        return TEN.plus(Duration.ofMinutes(minutesAfterTen));
    }

    private ServiceLevelFigures.Compliance responses() {
        ServiceLevelFigures figures = (ServiceLevelFigures) new AnalyticsQueryHandler(template).handle(THAT_DAY)
                .buckets().get(0).figures();
        return figures.response();
    }

    @Test
    void responseAcceptedAfterTargetCountsAsBreached() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)),
                warning("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)),
                breach("INC-1", ServiceLevelClockKind.RESPONSE, TERMS, at(20)));
        // A running clock has no outcome yet.
        assertThat(responses()).isEqualTo(new ServiceLevelFigures.Compliance(0, 0, null));

        batches.deliver(accepted("INC-1", "NET", "sam", at(22)));

        assertThat(responses()).isEqualTo(new ServiceLevelFigures.Compliance(0, 1, 0.0));
    }

    @Test
    void responseAcceptedBeforeTargetCountsAsMet() {
        batches.deliver(ServiceLevelEvents.reported("INC-1", TERMS, at(-10)), assigned("INC-1", "NET", null, at(0)),
                accepted("INC-1", "NET", "sam", at(14)));

        assertThat(responses()).isEqualTo(new ServiceLevelFigures.Compliance(1, 0, 100.0));
    }
}
