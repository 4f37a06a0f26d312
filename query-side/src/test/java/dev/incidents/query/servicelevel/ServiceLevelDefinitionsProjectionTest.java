package dev.incidents.query.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.TestServiceLevels;

/** Projects calendar and policy events into an in-JVM MongoDB server, without Spring. */
class ServiceLevelDefinitionsProjectionTest {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00Z");

    /** Writes times and durations as ISO text, as Spring Boot's application mapper does. */
    private final ObjectMapper objectMapper = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private final MongoTemplate mongo = MONGO.template();
    private final ServiceLevelDefinitionCollections collections =
            new ServiceLevelDefinitionCollections(mongo, objectMapper);
    private final ServiceLevelDefinitionsProjection projection = new ServiceLevelDefinitionsProjection(collections);

    private final BusinessCalendar officeHours =
            TestServiceLevels.weekdays("Europe/Amsterdam", "09:00-17:00", "2025-12-25");
    private final ServiceLevelPolicy standard = TestServiceLevels.policy("standard", 1, AT, Duration.ofMinutes(30),
            Duration.ofHours(4));

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @BeforeEach
    void clear() {
        MONGO.clear();
    }

    @Test
    void redeliveredCalendarLeavesOneDocument() {
        BusinessCalendarSaved saved = new BusinessCalendarSaved("EMEA", 1, officeHours, TestServiceLevels.ADMIN, AT);

        projection.on(saved);
        projection.on(saved);

        assertThat(mongo.getCollection(ServiceLevelDefinitionCollections.CALENDARS).countDocuments()).isEqualTo(1);
        BusinessCalendarVersion stored = collections.calendars().find("EMEA", 1).orElseThrow();
        assertThat(stored.toNamedCalendar().calendar()).isEqualTo(officeHours);
        assertThat(stored.savedAt()).isEqualTo(AT);
    }

    @Test
    void redeliveredPolicyLeavesOneDocument() {
        ServiceLevelPolicyPublished published = new ServiceLevelPolicyPublished(standard, "EMEA",
                Map.of("NETWORK", "NOC"), TestServiceLevels.ADMIN, AT);

        projection.on(published);
        projection.on(published);

        assertThat(mongo.getCollection(ServiceLevelDefinitionCollections.POLICIES).countDocuments()).isEqualTo(1);
        ServiceLevelPolicyVersion stored = collections.policies().find("standard", 1).orElseThrow();
        assertThat(stored.toPolicy()).isEqualTo(standard);
        assertThat(stored.supportGroupCalendars()).isEqualTo(Map.of("NETWORK", "NOC"));
    }

    @Test
    void latestIsHighestVersion() {
        ServiceLevelPolicy second = TestServiceLevels.policy("standard", 2, AT.plusSeconds(60),
                Duration.ofMinutes(20), Duration.ofHours(2));
        projection.on(new ServiceLevelPolicyPublished(second, "EMEA", Map.of(), TestServiceLevels.ADMIN, AT));
        projection.on(new ServiceLevelPolicyPublished(standard, "EMEA", Map.of(), TestServiceLevels.ADMIN, AT));

        assertThat(collections.policies().latest("standard").orElseThrow().version()).isEqualTo(2);
        assertThat(collections.policies().latestOfEach()).extracting(ServiceLevelPolicyVersion::version)
                .containsExactly(2);
    }

    @Test
    void keyLikeIdsStayApart() {
        projection.on(new BusinessCalendarSaved("A#1", 2, officeHours, TestServiceLevels.ADMIN, AT));
        projection.on(new BusinessCalendarSaved("A", 1, officeHours, TestServiceLevels.ADMIN, AT));

        assertThat(collections.calendars().find("A#1", 2)).isPresent();
        assertThat(collections.calendars().find("A", 1)).isPresent();
        assertThat(collections.calendars().latest("A").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void resetClearsBothCollections() {
        projection.on(new BusinessCalendarSaved("EMEA", 1, officeHours, TestServiceLevels.ADMIN, AT));
        projection.on(new ServiceLevelPolicyPublished(standard, "EMEA", Map.of(), TestServiceLevels.ADMIN, AT));

        projection.reset();

        assertThat(collections.calendars().latestOfEach()).isEmpty();
        assertThat(collections.policies().latestOfEach()).isEmpty();
    }
}
