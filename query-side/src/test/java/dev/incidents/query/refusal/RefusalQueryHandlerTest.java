package dev.incidents.query.refusal;

import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of the refusal log agrees with its own total when a refusal is recorded while the page is read. */
class RefusalQueryHandlerTest {

    private static InMemoryMongo mongo;

    @BeforeAll
    static void startMongo() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void clearLog() {
        mongo.template().dropCollection(RefusalLogProjection.COLLECTION);
    }

    @Test
    void totalMatchesItemsAfterRacingRefusal() {
        recordThreeRefusals();
        // Another refusal is recorded right after the count, before the page is read.
        RefusalQueryHandler racingLog = new RefusalQueryHandler(recordingAfterCount(refusal("R4", 4)));

        RefusalPage page = racingLog.handle(
                new FetchRefusalsQuery(null, null, null, null, 0, 20, TestCallers.auditor("audrey")));

        assertThat(page.items()).hasSize(4);
        assertThat(page.total()).isEqualTo(4);
    }

    @Test
    void fullPageCountsRefusalAddedAfterCount() {
        recordThreeRefusals();
        // A fourth refusal is recorded right after the count, so the second page of two contains two, not one.
        RefusalQueryHandler racingLog = new RefusalQueryHandler(recordingAfterCount(refusal("R4", 4)));

        RefusalPage page = racingLog.handle(
                new FetchRefusalsQuery(null, null, null, null, 1, 2, TestCallers.auditor("audrey")));

        assertThat(page.items()).hasSize(2);
        assertThat(page.total()).isEqualTo(4);
    }

    private static void recordThreeRefusals() {
        for (int number = 1; number <= 3; number++) {
            mongo.template().insert(refusal("R" + number, number), RefusalLogProjection.COLLECTION);
        }
    }

    /** Returns a template that records {@code refusal} right after each count. */
    private static MongoTemplate recordingAfterCount(RefusalDocument refusal) {
        return new MongoTemplate(mongo.client(), InMemoryMongo.DATABASE) {
            @Override
            public long count(Query query, Class<?> entityClass, String collectionName) {
                long count = super.count(query, entityClass, collectionName);
                insert(refusal, RefusalLogProjection.COLLECTION);
                return count;
            }
        };
    }

    private static RefusalDocument refusal(String id, int minute) {
        Instant at = Instant.parse("2026-03-02T09:00:00Z").plusSeconds(60L * minute);
        return new RefusalDocument(id, "INC-" + id, "resolve", "ResolveIncidentCommand", "COMMAND_NOT_ALLOWED",
                "not allowed", "NEW", "nick", "SPECIALIST", "NETWORK", at, at, null, 1);
    }
}
