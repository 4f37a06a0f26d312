package dev.incidents.query;

import static dev.incidents.query.testing.ServiceLevelEvents.breach;
import static dev.incidents.query.testing.ServiceLevelEvents.warning;
import static dev.incidents.query.testing.TestEvents.assigned;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestStores;

/**
 * Reads the live service level queues and the analytics through the REST API as users of every role, with events
 * that pass through the event store and the tracking processors.
 */
class ServiceLevelApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser RITA = ApiUser.basic("rita");
    /** Specialist in NETWORK. */
    private static final ApiUser SAM = ApiUser.basic("sam");
    /** Manager of NETWORK, to which NETWORK-WAN reports. */
    private static final ApiUser MONA = ApiUser.basic("mona");
    /** Manager of SERVICE-DESK. */
    private static final ApiUser SID = ApiUser.basic("sid");
    /** Manager of STORAGE. */
    private static final ApiUser MIKE = ApiUser.basic("mike");
    private static final ApiUser ALICE = ApiUser.basic("alice");
    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser ANA = ApiUser.basic("ana");
    private static final ApiUser ADAM = ApiUser.basic("adam");

    private static final Instant TEN = Instant.parse("2025-03-03T10:00:00Z");
    private static final ServiceLevelTerms TERMS = ServiceLevelEvents.terms(1, Instant.parse("2025-01-01T00:00:00Z"),
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
    static void appendIncidents() {
        // N-1 is at risk in NETWORK, W-1 breached in NETWORK-WAN, D-1 at risk in DATABASE.
        STORES.events().append(
                ServiceLevelEvents.reported("N-1", TERMS, at(-10)),
                assigned("N-1", "NETWORK", null, at(0)),
                warning("N-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)),
                ServiceLevelEvents.reported("W-1", TERMS, at(-10)),
                assigned("W-1", "NETWORK-WAN", null, at(0)),
                warning("W-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)),
                breach("W-1", ServiceLevelClockKind.RESPONSE, TERMS, at(20)),
                ServiceLevelEvents.reported("D-1", TERMS, at(-10)),
                assigned("D-1", "DATABASE", null, at(0)),
                warning("D-1", ServiceLevelClockKind.RESPONSE, TERMS, at(15)));
    }

    private static Instant at(int minutesAfterTen) {
        return TEN.plus(Duration.ofMinutes(minutesAfterTen));
    }

    /** Returns the entries of a queue page as {@code incidentId:clock}. */
    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            ids.add(item.get("incidentId").asText() + ":" + item.get("clock").asText());
        }
        return ids;
    }

    private void assertRejected(ApiUser user, String path) throws Exception {
        JsonNode problem = read(user, path, 403);
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("user").asText()).isEqualTo(user.name());
        assertThat(problem.has("items")).isFalse();
        assertThat(problem.has("buckets")).isFalse();
    }

    private void assertInvalid(String path, String parameter, String value) throws Exception {
        JsonNode problem = read(ANA, path, 400);
        assertThat(problem.get("code").asText()).as(path).isEqualTo("INVALID_INPUT");
        assertThat(problem.get("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(problem.get("value").asText()).as(path).isEqualTo(value);
        assertThat(problem.get("detail").asText()).as(path).contains("use");
    }

    @Test
    void managerReadsQueuesOfManagedGroups() throws Exception {
        awaitCaughtUp();

        assertThat(ids(read(MONA, "/api/service-levels/at-risk?group=NETWORK", 200)))
                .containsExactly("N-1:RESPONSE", "N-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(MONA, "/api/service-levels/breached?group=NETWORK-WAN", 200)))
                .containsExactly("W-1:RESPONSE", "W-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(MONA, "/api/service-levels/at-risk", 200)))
                .containsExactly("N-1:RESPONSE", "N-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(MONA, "/api/service-levels/breached", 200)))
                .containsExactly("W-1:RESPONSE", "W-1:SUPPORT_GROUP_RESPONSE");
    }

    @Test
    void queueItemNamesClockAndTimes() throws Exception {
        awaitCaughtUp();

        JsonNode item = read(MONA, "/api/service-levels/breached?group=NETWORK-WAN", 200).get("items").get(0);

        assertThat(item.get("clock").asText()).isEqualTo("RESPONSE");
        assertThat(item.get("group").asText()).isEqualTo("NETWORK-WAN");
        assertThat(item.get("since").asText()).isEqualTo(at(20).toString());
        assertThat(item.get("targetMinutes").asDouble()).isEqualTo(20.0);
        assertThat(item.get("policyId").asText()).isEqualTo(ServiceLevelEvents.POLICY);
    }

    @Test
    void serviceDeskAndAdminReadEveryGroup() throws Exception {
        awaitCaughtUp();

        assertThat(ids(read(ALICE, "/api/service-levels/at-risk", 200))).containsExactly("D-1:RESPONSE",
                "D-1:SUPPORT_GROUP_RESPONSE", "N-1:RESPONSE", "N-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(ADAM, "/api/service-levels/at-risk?group=DATABASE", 200)))
                .containsExactly("D-1:RESPONSE", "D-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(ALICE, "/api/service-levels/breached?group=NETWORK-WAN", 200)))
                .containsExactly("W-1:RESPONSE", "W-1:SUPPORT_GROUP_RESPONSE");
    }

    @Test
    void othersCannotOpenQueues() throws Exception {
        awaitCaughtUp();

        assertRejected(MIKE, "/api/service-levels/at-risk?group=NETWORK");
        assertRejected(SID, "/api/service-levels/breached?group=NETWORK-WAN");
        assertRejected(SAM, "/api/service-levels/at-risk?group=NETWORK");
        assertRejected(AUDREY, "/api/service-levels/at-risk?group=NETWORK");
        assertRejected(ANA, "/api/service-levels/breached");
        assertRejected(RITA, "/api/service-levels/at-risk");
    }

    @Test
    void analyticsAccessByRole() throws Exception {
        awaitCaughtUp();

        assertThat(read(ANA, "/api/analytics/flow", 200).get("buckets").get(0).get("incidents").asLong())
                .isEqualTo(3);
        assertThat(read(ADAM, "/api/analytics/flow", 200).get("buckets").get(0).get("incidents").asLong())
                .isEqualTo(3);
        // mona manages NETWORK and NETWORK-WAN, which hold N-1 and W-1.
        JsonNode managed = read(MONA, "/api/analytics/flow?groupBy=group", 200);
        assertThat(managed.get("buckets").findValuesAsText("key")).containsExactly("NETWORK", "NETWORK-WAN");
        assertThat(managed.get("groups").toString()).isEqualTo("[\"NETWORK\",\"NETWORK-WAN\"]");

        assertRejected(MONA, "/api/analytics/flow?group=DATABASE");
        assertRejected(ALICE, "/api/analytics/flow");
        assertRejected(AUDREY, "/api/analytics/service-levels");
        assertRejected(SAM, "/api/analytics/times");
        assertRejected(RITA, "/api/analytics/backlog");
    }

    @Test
    void everyMetricReturnsFigures() throws Exception {
        awaitCaughtUp();

        JsonNode serviceLevels = read(ANA, "/api/analytics/service-levels?from=2025-03-03&to=2025-03-04", 200);
        // The response clocks still run, so none is decided.
        assertThat(serviceLevels.get("buckets").get(0).get("figures").get("response").get("breached").asLong())
                .isZero();
        JsonNode backlog = read(ANA, "/api/analytics/backlog?asOf=2025-03-03T11:00:00Z", 200);
        assertThat(backlog.get("buckets").get(0).get("figures").get("open").asLong()).isEqualTo(3);
        assertThat(read(ANA, "/api/analytics/times?priority=P3", 200).get("priority").asText())
                .isEqualTo("P3_MODERATE");
        assertThat(read(ANA, "/api/analytics/throughput?groupBy=category", 200).get("buckets").get(0).get("key")
                .asText()).isEqualTo("network");
        assertThat(read(ANA, "/api/analytics/flow?groupBy=week", 200).get("buckets").get(0).get("key").asText())
                .isEqualTo("2025-W10");
    }

    @Test
    void queuesAsOfInstantFollowEvents() throws Exception {
        awaitCaughtUp();

        assertThat(ids(read(MONA, "/api/service-levels/at-risk?group=NETWORK&asOf=" + at(14), 200))).isEmpty();
        assertThat(ids(read(MONA, "/api/service-levels/at-risk?group=NETWORK&asOf=" + at(16), 200)))
                .containsExactly("N-1:RESPONSE", "N-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(ALICE, "/api/service-levels/at-risk?asOf=" + at(16), 200))).containsExactly(
                "D-1:RESPONSE", "D-1:SUPPORT_GROUP_RESPONSE", "N-1:RESPONSE", "N-1:SUPPORT_GROUP_RESPONSE",
                "W-1:RESPONSE", "W-1:SUPPORT_GROUP_RESPONSE");
        assertThat(ids(read(MONA, "/api/service-levels/breached?group=NETWORK-WAN&asOf=" + at(19), 200))).isEmpty();
        assertThat(ids(read(MONA, "/api/service-levels/breached?group=NETWORK-WAN&asOf=" + at(20), 200)))
                .containsExactly("W-1:RESPONSE", "W-1:SUPPORT_GROUP_RESPONSE");

        // Every event was recorded before now, so the queue on the recording axis now is the live queue.
        Instant now = Instant.now();
        assertThat(read(ALICE, "/api/service-levels/at-risk?timeAxis=recorded&asOf=" + now, 200).get("items"))
                .isEqualTo(read(ALICE, "/api/service-levels/at-risk", 200).get("items"));
        assertThat(ids(read(ALICE, "/api/service-levels/at-risk?timeAxis=recorded&asOf=" + at(-20), 200)))
                .isEmpty();
        assertRejected(MIKE, "/api/service-levels/at-risk?group=NETWORK&asOf=" + at(16));
    }

    @Test
    void badAsOfParametersAreRejected() throws Exception {
        awaitCaughtUp();

        assertInvalid("/api/service-levels/at-risk?asOf=yesterday", "asOf", "yesterday");
        assertInvalid("/api/service-levels/breached?asOf=2025-03-03", "asOf", "2025-03-03");
        assertInvalid("/api/service-levels/breached?asOf=2999-01-01T00:00:00Z", "asOf", "2999-01-01T00:00:00Z");
        assertInvalid("/api/service-levels/at-risk?asOf=" + at(0) + "&timeAxis=sideways", "timeAxis", "sideways");
        assertInvalid("/api/service-levels/at-risk?timeAxis=recorded", "timeAxis", "recorded");
    }

    @Test
    void badParametersAreRejected() throws Exception {
        awaitCaughtUp();

        assertInvalid("/api/analytics/mttr", "metric", "mttr");
        assertInvalid("/api/analytics/flow?from=2025-13-01", "from", "2025-13-01");
        assertInvalid("/api/analytics/flow?to=yesterday", "to", "yesterday");
        assertInvalid("/api/analytics/flow?from=2025-03-10&to=2025-03-03", "to", "2025-03-03");
        assertInvalid("/api/analytics/flow?groupBy=team", "groupBy", "team");
        assertInvalid("/api/analytics/flow?priority=P9", "priority", "P9");
        assertInvalid("/api/analytics/flow?asOf=2025-03-03", "asOf", "2025-03-03");
        assertInvalid("/api/analytics/backlog?asOf=soon", "asOf", "soon");
        assertInvalid("/api/analytics/throughput?groupBy=week", "groupBy", "week");
        assertInvalid("/api/analytics/flow?category=%20", "category", " ");
        assertInvalid("/api/service-levels/at-risk?page=-1", "page", "-1");
    }

    @Test
    void repeatedAndUnknownParametersAreRejected() throws Exception {
        awaitCaughtUp();

        assertInvalid("/api/analytics/flow?group=NETWORK&group=DATABASE", "group", "NETWORK,DATABASE");
        assertInvalid("/api/analytics/backlog?asOf=2025-03-03&asOf=2025-03-04", "asOf", "2025-03-03,2025-03-04");
        assertInvalid("/api/analytics/flow?groupby=group", "groupby", "group");
        assertInvalid("/api/service-levels/breached?group=NETWORK&group=DATABASE", "group", "NETWORK,DATABASE");
        assertInvalid("/api/service-levels/at-risk?pageSize=5", "pageSize", "5");

        JsonNode unknown = read(ANA, "/api/analytics/flow?groupby=group", 400);
        assertThat(unknown.get("allowedParameters")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("from", "to", "group", "priority", "category", "groupBy", "asOf");
        assertThat(read(ANA, "/api/analytics/flow?group=NETWORK&group=DATABASE", 400).get("detail").asText())
                .contains("give group once");
    }

    @Test
    void groupNamingNoSupportGroupHasNoIncidents() throws Exception {
        awaitCaughtUp();

        JsonNode report = read(ANA, "/api/analytics/flow?group=NOPE", 200);

        assertThat(report.get("group").asText()).isEqualTo("NOPE");
        assertThat(report.get("buckets").get(0).get("incidents").asLong()).isZero();
        assertThat(read(ANA, "/api/analytics/flow", 200).get("buckets").get(0).get("incidents").asLong())
                .isPositive();
    }
}
