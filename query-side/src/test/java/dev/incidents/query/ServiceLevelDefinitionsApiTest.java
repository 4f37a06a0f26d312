package dev.incidents.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestServiceLevels;
import dev.incidents.query.testing.TestStores;

/**
 * Reads saved business calendars and published service level policies through the REST API while the JVM's default
 * time zone is far from UTC and from the calendars' zones, so a conversion through it would show.
 */
class ServiceLevelDefinitionsApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    /** UTC+14, a zone no calendar of this test uses. */
    private static final TimeZone FAR_ZONE = TimeZone.getTimeZone("Pacific/Kiritimati");

    private static final ApiUser ANA = ApiUser.basic("ana");
    private static final Instant SAVED_V1 = Instant.parse("2025-01-02T23:30:00Z");
    private static final Instant SAVED_V2 = Instant.parse("2025-02-03T00:15:00Z");
    private static final Instant EFFECTIVE_V1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant EFFECTIVE_V2 = Instant.parse("2025-03-10T00:00:00Z");

    private static TimeZone originalZone;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void saveDefinitions() {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(FAR_ZONE);

        TestServiceLevels.saveCalendar(STORES.events(), "EMEA", 1,
                TestServiceLevels.weekdays("Europe/Amsterdam", "08:00-18:00", "2025-12-25", "2025-12-26"), SAVED_V1);
        TestServiceLevels.saveCalendar(STORES.events(), "EMEA", 2,
                TestServiceLevels.weekdays("Europe/Amsterdam", "07:30-19:00", "2025-12-25"), SAVED_V2);
        TestServiceLevels.saveCalendar(STORES.events(), "APAC", 1, nightShift(), SAVED_V1);
        TestServiceLevels.publishPolicy(STORES.events(), TestServiceLevels.policy("standard", 1, EFFECTIVE_V1,
                Duration.ofMinutes(30), Duration.ofMinutes(240)), "EMEA", SAVED_V1);
        TestServiceLevels.publishPolicy(STORES.events(), TestServiceLevels.policy("standard", 2, EFFECTIVE_V2,
                Duration.ofMinutes(30), Duration.ofMinutes(120)), "EMEA", SAVED_V2);
        TestServiceLevels.publishPolicy(STORES.events(), new ServiceLevelPolicy("gold", 1, EFFECTIVE_V1,
                TestServiceLevels.policy("x", 1, EFFECTIVE_V1, Duration.ofMinutes(10), Duration.ofHours(1))
                        .targets(), 0.5), "APAC", SAVED_V1);
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(originalZone);
    }

    /** Tokyo, open Saturday 22:00 until midnight and Sunday from midnight until 06:00, closed on New Year's Day. */
    private static BusinessCalendar nightShift() {
        Map<DayOfWeek, List<OpeningInterval>> hours = new EnumMap<>(DayOfWeek.class);
        hours.put(DayOfWeek.SATURDAY, List.of(OpeningInterval.parse("22:00-24:00")));
        hours.put(DayOfWeek.SUNDAY, List.of(OpeningInterval.parse("00:00-06:00")));
        return BusinessCalendar.of("Asia/Tokyo", hours, List.of("2026-01-01"));
    }

    @Test
    void calendarVersionReadsAsSaved() throws Exception {
        awaitCaughtUp();
        assertThat(TimeZone.getDefault().getID()).isEqualTo(FAR_ZONE.getID());

        JsonNode calendar = read(ANA, "/api/service-levels/calendars/EMEA/versions/1", 200);

        assertThat(calendar.get("id").asText()).isEqualTo("EMEA");
        assertThat(calendar.get("version").asInt()).isEqualTo(1);
        assertThat(calendar.get("zone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(calendar.get("openingHours").toString()).isEqualTo("{\"MONDAY\":[\"08:00-18:00\"],"
                + "\"TUESDAY\":[\"08:00-18:00\"],\"WEDNESDAY\":[\"08:00-18:00\"],\"THURSDAY\":[\"08:00-18:00\"],"
                + "\"FRIDAY\":[\"08:00-18:00\"]}");
        assertThat(calendar.get("holidays").toString()).isEqualTo("[\"2025-12-25\",\"2025-12-26\"]");
        assertThat(calendar.get("savedAt").asText()).isEqualTo(SAVED_V1.toString());
        assertThat(calendar.get("savedBy").get("user").asText()).isEqualTo("adam");
    }

    @Test
    void midnightIntervalsKeepTheirLocalTimes() throws Exception {
        awaitCaughtUp();

        JsonNode calendar = read(ANA, "/api/service-levels/calendars/APAC/versions/1", 200);

        assertThat(calendar.get("zone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(calendar.get("openingHours").toString())
                .isEqualTo("{\"SATURDAY\":[\"22:00-24:00\"],\"SUNDAY\":[\"00:00-06:00\"]}");
        assertThat(calendar.get("holidays").toString()).isEqualTo("[\"2026-01-01\"]");
    }

    @Test
    void calendarWithoutVersionIsTheLatest() throws Exception {
        awaitCaughtUp();

        JsonNode latest = read(ANA, "/api/service-levels/calendars/EMEA", 200);

        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("openingHours").get("FRIDAY").toString()).isEqualTo("[\"07:30-19:00\"]");
        assertThat(latest.get("holidays").toString()).isEqualTo("[\"2025-12-25\"]");
        assertThat(latest.get("savedAt").asText()).isEqualTo(SAVED_V2.toString());
    }

    @Test
    void calendarListHoldsLatestOfEachById() throws Exception {
        awaitCaughtUp();

        JsonNode calendars = read(ANA, "/api/service-levels/calendars", 200);

        assertThat(calendars.size()).isEqualTo(2);
        assertThat(calendars.get(0).get("id").asText()).isEqualTo("APAC");
        assertThat(calendars.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(calendars.get(1).get("id").asText()).isEqualTo("EMEA");
        assertThat(calendars.get(1).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void policyVersionReadsAsPublished() throws Exception {
        awaitCaughtUp();

        JsonNode policy = read(ANA, "/api/service-levels/policies/standard/versions/1", 200);

        assertThat(policy.get("id").asText()).isEqualTo("standard");
        assertThat(policy.get("version").asInt()).isEqualTo(1);
        assertThat(policy.get("effectiveFrom").asText()).isEqualTo(EFFECTIVE_V1.toString());
        assertThat(policy.get("calendarId").asText()).isEqualTo("EMEA");
        assertThat(policy.get("warningThreshold").asDouble()).isEqualTo(0.75);
        JsonNode p3 = policy.get("targets").get("P3_MODERATE");
        assertThat(Duration.parse(p3.get("response").asText())).isEqualTo(Duration.ofMinutes(30));
        assertThat(Duration.parse(p3.get("resolution").asText())).isEqualTo(Duration.ofMinutes(240));
        assertThat(policy.get("targets").size()).isEqualTo(5);
        assertThat(policy.get("publishedAt").asText()).isEqualTo(SAVED_V1.toString());
    }

    @Test
    void policyWithoutVersionIsTheLatest() throws Exception {
        awaitCaughtUp();

        JsonNode latest = read(ANA, "/api/service-levels/policies/standard", 200);

        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("effectiveFrom").asText()).isEqualTo(EFFECTIVE_V2.toString());
        assertThat(Duration.parse(latest.get("targets").get("P3_MODERATE").get("resolution").asText()))
                .isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void policyListHoldsLatestOfEachById() throws Exception {
        awaitCaughtUp();

        JsonNode policies = read(ANA, "/api/service-levels/policies", 200);

        assertThat(policies.size()).isEqualTo(2);
        assertThat(policies.get(0).get("id").asText()).isEqualTo("gold");
        assertThat(policies.get(0).get("warningThreshold").asDouble()).isEqualTo(0.5);
        assertThat(policies.get(0).get("calendarId").asText()).isEqualTo("APAC");
        assertThat(policies.get(1).get("id").asText()).isEqualTo("standard");
        assertThat(policies.get(1).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void unknownVersionsGet404() throws Exception {
        awaitCaughtUp();

        JsonNode calendarVersion = read(ANA, "/api/service-levels/calendars/EMEA/versions/3", 404);
        assertThat(calendarVersion.get("code").asText()).isEqualTo("BUSINESS_CALENDAR_NOT_FOUND");
        assertThat(calendarVersion.get("type").asText()).isEqualTo("/problems/business-calendar-not-found");
        assertThat(calendarVersion.get("calendarId").asText()).isEqualTo("EMEA");
        assertThat(calendarVersion.get("version").asInt()).isEqualTo(3);
        assertThat(calendarVersion.get("detail").asText()).contains("has no version 3");

        JsonNode calendar = read(ANA, "/api/service-levels/calendars/NOWHERE", 404);
        assertThat(calendar.get("code").asText()).isEqualTo("BUSINESS_CALENDAR_NOT_FOUND");
        assertThat(calendar.has("version")).isFalse();

        JsonNode policyVersion = read(ANA, "/api/service-levels/policies/standard/versions/7", 404);
        assertThat(policyVersion.get("code").asText()).isEqualTo("SERVICE_LEVEL_POLICY_NOT_FOUND");
        assertThat(policyVersion.get("policyId").asText()).isEqualTo("standard");

        JsonNode policy = read(ANA, "/api/service-levels/policies/premium", 404);
        assertThat(policy.get("code").asText()).isEqualTo("SERVICE_LEVEL_POLICY_NOT_FOUND");
    }

    @Test
    void invalidVersionGets400() throws Exception {
        for (String version : List.of("0", "-1", "two", "1.5")) {
            JsonNode problem = read(ANA, "/api/service-levels/calendars/EMEA/versions/" + version, 400);
            assertThat(problem.get("code").asText()).isEqualTo("INVALID_INPUT");
            assertThat(problem.get("parameter").asText()).isEqualTo("version");
            assertThat(problem.get("value").asText()).isEqualTo(version);

            read(ANA, "/api/service-levels/policies/standard/versions/" + version, 400);
        }
    }

    @Test
    void requestersAndSpecialistsAreRejected() throws Exception {
        awaitCaughtUp();

        for (String user : List.of("alice", "mona", "audrey", "ana", "adam")) {
            read(ApiUser.basic(user), "/api/service-levels/calendars/EMEA", 200);
            read(ApiUser.basic(user), "/api/service-levels/policies", 200);
        }
        for (String user : List.of("rita", "sam")) {
            JsonNode problem = read(ApiUser.basic(user), "/api/service-levels/calendars", 403);
            assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
            read(ApiUser.basic(user), "/api/service-levels/policies/standard/versions/1", 403);
        }
    }
}
