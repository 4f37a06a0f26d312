package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.DESK_ANALYST;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * Reads every queue endpoint through the REST API as users of every role, each logged in with HTTP Basic as a user of
 * the test organisation.
 */
class QueueVisibilityApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    /** Requester. */
    private static final ApiUser RITA = ApiUser.basic("rita");
    /** Specialist in NETWORK. */
    private static final ApiUser SAM = ApiUser.basic("sam");
    /** Manager of NETWORK, to which NETWORK-WAN reports. */
    private static final ApiUser MONA = ApiUser.basic("mona");
    /** Manager of SERVICE-DESK. */
    private static final ApiUser SID = ApiUser.basic("sid");
    /** Service desk. */
    private static final ApiUser ALICE = ApiUser.basic("alice");
    /** Auditor. */
    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    /** Analyst. */
    private static final ApiUser ANA = ApiUser.basic("ana");
    /** Specialist in NETWORK and manager of DATABASE. */
    private static final ApiUser STAN = ApiUser.basic("stan");

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
        // rita reported three incidents first; others reported five later ones, which sort before hers.
        STORES.events().append(
                reported("R-1", "rita", minute(0)),
                reported("R-2", "rita", minute(1)),
                reported("R-3", "rita", minute(2)),
                reported("C-1", "carol", minute(3)),
                reported("C-2", "carol", minute(4)),
                reported("C-3", "carol", minute(5)),
                reported("C-4", "carol", minute(6)),
                reported("C-5", "carol", minute(7)),
                ownedBy("N-NEW", "NETWORK", minute(8)),
                reported("G-1", "carol", minute(10)),
                assigned("G-1", "NETWORK", null, minute(11)),
                reported("G-2", "carol", minute(12)),
                assigned("G-2", "NETWORK-WAN", null, minute(13)),
                reported("G-3", "carol", minute(14)),
                assigned("G-3", "DATABASE", null, minute(15)),
                reported("S-1", "carol", minute(16)),
                assigned("S-1", "NETWORK", "sam", minute(17)),
                accepted("S-1", "NETWORK", "sam", minute(18)),
                reported("S-2", "carol", minute(19)),
                assigned("S-2", "STORAGE", "sam", minute(20)),
                reported("S-3", "carol", minute(21)),
                assigned("S-3", "NETWORK-WAN", "sam", minute(22)),
                reported("T-1", "carol", minute(23)),
                assigned("T-1", "STORAGE", "stan", minute(24)),
                workNote("R-1", "asked the mail team", minute(30)));
    }

    /** A new incident logged by a specialist for the NETWORK group, which owns it. */
    private static IncidentReported ownedBy(String id, String ownerGroup, Instant at) {
        return new IncidentReported(new IncidentId(id), "Switch port flaps", null, new UserId("carol"), "network",
                Impact.LOW, Urgency.LOW, Priority.of(Impact.LOW, Urgency.LOW), new SupportGroupId(ownerGroup),
                DESK_ANALYST, at);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("incidentId").asText()));
        return ids;
    }

    private void assertQueueRejected(ApiUser user, String path, String resource) throws Exception {
        JsonNode problem = read(user, path, 403);
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("user").asText()).isEqualTo(user.name());
        assertThat(problem.get("resource").asText()).isEqualTo(resource);
        assertThat(problem.has("items")).isFalse();
    }

    @Test
    void requesterPagesHoldOnlyOwnIncidents() throws Exception {
        awaitCaughtUp();

        JsonNode first = read(RITA, "/api/queues/requesters/rita?page=0&size=2", 200);
        JsonNode second = read(RITA, "/api/queues/requesters/rita?page=1&size=2", 200);

        assertThat(ids(first)).containsExactly("R-3", "R-2");
        assertThat(ids(second)).containsExactly("R-1");
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(second.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void requesterQueueHidesInternalNoteTime() throws Exception {
        awaitCaughtUp();

        JsonNode own = read(RITA, "/api/queues/requesters/rita", 200);
        JsonNode desk = read(ALICE, "/api/queues/requesters/rita", 200);

        assertThat(itemOf(own, "R-1").get("lastOccurredAt").asText()).isEqualTo(minute(0).toString());
        assertThat(itemOf(desk, "R-1").get("lastOccurredAt").asText()).isEqualTo(minute(30).toString());
    }

    private static JsonNode itemOf(JsonNode page, String incidentId) {
        for (JsonNode item : page.get("items")) {
            if (item.get("incidentId").asText().equals(incidentId)) {
                return item;
            }
        }
        throw new AssertionError("no item " + incidentId + " in " + page);
    }

    @Test
    void requesterOpensNoOtherQueue() throws Exception {
        awaitCaughtUp();

        assertQueueRejected(RITA, "/api/queues/requesters/carol", "requester queue of carol");
        assertQueueRejected(RITA, "/api/queues/service-desk", "service desk queue");
        assertQueueRejected(RITA, "/api/queues/groups/NETWORK", "support group queue of NETWORK");
        assertQueueRejected(RITA, "/api/queues/assignees/rita", "assignee queue of rita");
        assertQueueRejected(RITA, "/api/queues/assignees/sam", "assignee queue of sam");
    }

    @Test
    void staffOpenNoOtherRequesterQueue() throws Exception {
        awaitCaughtUp();

        for (ApiUser user : List.of(SAM, MONA, SID)) {
            assertQueueRejected(user, "/api/queues/requesters/carol", "requester queue of carol");
        }
        assertThat(ids(read(ALICE, "/api/queues/requesters/rita", 200))).containsExactly("R-3", "R-2", "R-1");
        assertThat(ids(read(AUDREY, "/api/queues/requesters/rita", 200))).containsExactly("R-3", "R-2", "R-1");
    }

    @Test
    void serviceDeskQueueForServiceDeskAndItsManager() throws Exception {
        awaitCaughtUp();

        JsonNode desk = read(ALICE, "/api/queues/service-desk?size=200", 200);
        JsonNode manager = read(SID, "/api/queues/service-desk?size=200", 200);
        JsonNode managerFirstPage = read(SID, "/api/queues/service-desk?size=3", 200);

        assertThat(ids(desk)).contains("N-NEW", "R-1", "C-1");
        assertThat(ids(manager)).contains("R-1", "C-1").doesNotContain("N-NEW");
        assertThat(manager.get("total").asLong()).isEqualTo(desk.get("total").asLong() - 1);
        assertThat(managerFirstPage.get("items")).hasSize(3);
        assertThat(ids(managerFirstPage)).doesNotContain("N-NEW");
        assertQueueRejected(SAM, "/api/queues/service-desk", "service desk queue");
        assertQueueRejected(MONA, "/api/queues/service-desk", "service desk queue");
    }

    @Test
    void groupQueueForMembersAndManagers() throws Exception {
        awaitCaughtUp();

        assertThat(ids(read(SAM, "/api/queues/groups/NETWORK", 200))).containsExactly("G-1");
        assertQueueRejected(SAM, "/api/queues/groups/NETWORK-WAN", "support group queue of NETWORK-WAN");
        assertQueueRejected(SAM, "/api/queues/groups/DATABASE", "support group queue of DATABASE");

        assertThat(ids(read(MONA, "/api/queues/groups/NETWORK", 200))).containsExactly("G-1");
        assertThat(ids(read(MONA, "/api/queues/groups/NETWORK-WAN", 200))).containsExactly("G-2", "S-3");
        assertQueueRejected(MONA, "/api/queues/groups/DATABASE", "support group queue of DATABASE");

        assertThat(ids(read(ALICE, "/api/queues/groups/DATABASE", 200))).containsExactly("G-3");
        assertThat(ids(read(AUDREY, "/api/queues/groups/DATABASE", 200))).containsExactly("G-3");
    }

    @Test
    void assigneeQueueForSpecialistHimself() throws Exception {
        awaitCaughtUp();

        JsonNode own = read(SAM, "/api/queues/assignees/sam", 200);

        assertThat(ids(own)).containsExactlyInAnyOrder("S-1", "S-2", "S-3");
        assertQueueRejected(SAM, "/api/queues/assignees/dave", "assignee queue of dave");
    }

    @Test
    void managerSeesAssigneeWorkInOwnGroupsOnly() throws Exception {
        awaitCaughtUp();

        JsonNode all = read(MONA, "/api/queues/assignees/sam", 200);
        JsonNode firstPage = read(MONA, "/api/queues/assignees/sam?page=0&size=1", 200);
        JsonNode secondPage = read(MONA, "/api/queues/assignees/sam?page=1&size=1", 200);
        JsonNode thirdPage = read(MONA, "/api/queues/assignees/sam?page=2&size=1", 200);
        JsonNode outsider = read(MONA, "/api/queues/assignees/dave", 200);

        assertThat(ids(all)).containsExactlyInAnyOrder("S-1", "S-3");
        assertThat(all.get("total").asLong()).isEqualTo(2);
        List<String> paged = new ArrayList<>(ids(firstPage));
        paged.addAll(ids(secondPage));
        assertThat(paged).containsExactlyInAnyOrder("S-1", "S-3");
        assertThat(ids(thirdPage)).isEmpty();
        assertThat(outsider.get("total").asLong()).isZero();
    }

    @Test
    void rolesAddUpForQueues() throws Exception {
        awaitCaughtUp();
        // MANAGER opens the queue of DATABASE, which stan manages without belonging to it; SPECIALIST shows him his
        // own assignment T-1 in STORAGE, a group he neither manages nor belongs to.
        assertThat(ids(read(STAN, "/api/queues/groups/DATABASE", 200))).containsExactly("G-3");
        assertThat(ids(read(STAN, "/api/queues/assignees/stan", 200))).containsExactly("T-1");
        assertQueueRejected(SAM, "/api/queues/groups/DATABASE", "support group queue of DATABASE");
    }

    @Test
    void asOfQueueShowsEarlierMembers() throws Exception {
        awaitCaughtUp();

        JsonNode beforeAssignment = read(AUDREY, "/api/queues/groups/NETWORK?asOf=" + minute(10), 200);
        JsonNode atAssignment = read(AUDREY, "/api/queues/groups/NETWORK?asOf=" + minute(11), 200);
        JsonNode requesterEarly = read(RITA, "/api/queues/requesters/rita?asOf=" + minute(1), 200);
        JsonNode serviceDeskEarly = read(ALICE, "/api/queues/service-desk?asOf=" + minute(4) + "&size=200", 200);
        JsonNode assigneeEarly = read(SAM, "/api/queues/assignees/sam?asOf=" + minute(20), 200);

        assertThat(ids(beforeAssignment)).isEmpty();
        assertThat(ids(atAssignment)).containsExactly("G-1");
        assertThat(ids(requesterEarly)).containsExactly("R-2", "R-1");
        assertThat(ids(serviceDeskEarly)).containsExactly("R-1", "R-2", "R-3", "C-1", "C-2");
        assertThat(ids(assigneeEarly)).containsExactlyInAnyOrder("S-1", "S-2");
    }

    @Test
    void asOfQueueKeepsAccessRules() throws Exception {
        awaitCaughtUp();

        assertQueueRejected(SAM, "/api/queues/groups/DATABASE?asOf=" + minute(30), "support group queue of DATABASE");
        assertQueueRejected(RITA, "/api/queues/requesters/carol?asOf=" + minute(30), "requester queue of carol");
        assertThat(ids(read(MONA, "/api/queues/assignees/sam?asOf=" + minute(30), 200)))
                .containsExactlyInAnyOrder("S-1", "S-3");
        assertThat(itemOf(read(RITA, "/api/queues/requesters/rita?asOf=" + minute(31), 200), "R-1")
                .get("lastOccurredAt").asText()).isEqualTo(minute(0).toString());
    }

    @Test
    void asOfRecordedAxisUsesStoreTime() throws Exception {
        awaitCaughtUp();
        String assignedAt = minute(11).toString();
        String recordedAt = minute(11).plusSeconds(1).toString();

        JsonNode businessAtAssignment = read(AUDREY, "/api/queues/groups/NETWORK?asOf=" + assignedAt, 200);
        JsonNode recordedAtAssignment = read(AUDREY,
                "/api/queues/groups/NETWORK?timeAxis=recorded&asOf=" + assignedAt, 200);
        JsonNode recordedAtRecording = read(AUDREY,
                "/api/queues/groups/NETWORK?timeAxis=RECORDED&asOf=" + recordedAt, 200);

        // The test store records each event one second after its business time.
        assertThat(ids(businessAtAssignment)).containsExactly("G-1");
        assertThat(ids(recordedAtAssignment)).isEmpty();
        assertThat(ids(recordedAtRecording)).containsExactly("G-1");
    }

    @Test
    void asOfQueuesMatchAnalyticsBacklog() throws Exception {
        awaitCaughtUp();
        Set<String> openStates = Set.of("NEW", "ASSIGNED", "IN_PROGRESS", "PENDING");

        for (int minute = 0; minute <= 31; minute++) {
            String asOf = minute(minute).toString();
            long openInQueues = 0;
            // Every incident of the test store was reported by rita or carol, so their queues hold them all.
            for (String requester : List.of("rita", "carol")) {
                JsonNode queue = read(AUDREY, "/api/queues/requesters/" + requester + "?size=200&asOf=" + asOf, 200);
                for (JsonNode item : queue.get("items")) {
                    if (openStates.contains(item.get("state").asText())) {
                        openInQueues++;
                    }
                }
            }
            JsonNode backlog = read(ANA, "/api/analytics/backlog?asOf=" + asOf, 200);

            assertThat(backlog.get("buckets").get(0).get("figures").get("open").asLong()).as("open at %s", asOf)
                    .isEqualTo(openInQueues);
        }
    }

    @Test
    void invalidAsOfValuesAreRejected() throws Exception {
        awaitCaughtUp();

        assertInvalidValue("/api/queues/service-desk?asOf=2024-13-01T00:00:00Z", "asOf", "2024-13-01T00:00:00Z");
        assertInvalidValue("/api/queues/groups/NETWORK?asOf=yesterday", "asOf", "yesterday");
        assertInvalidValue("/api/queues/assignees/sam?asOf=2999-01-01T00:00:00Z", "asOf", "2999-01-01T00:00:00Z");
        assertInvalidValue("/api/queues/requesters/rita?asOf=" + minute(1) + "&timeAxis=sideways", "timeAxis",
                "sideways");
        assertInvalidValue("/api/queues/requesters/rita?timeAxis=recorded", "timeAxis", "recorded");
    }

    private void assertInvalidValue(String path, String parameter, String value) throws Exception {
        JsonNode problem = read(AUDREY, path, 400);
        assertThat(problem.get("code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("value").asText()).isEqualTo(value);
        assertThat(problem.get("detail").asText()).contains(value);
    }
}
