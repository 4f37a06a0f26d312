package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.SPECIALIST;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * Reads single incidents and their history through the REST API as users of every role, each logged in with HTTP
 * Basic as a user of the test organisation.
 */
class IncidentVisibilityApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final String SECRET = "router admin password is hunter2";
    private static final String INTERNAL_NOTE_ID = "note-internal-1";

    /** Requester. */
    private static final ApiUser RITA = ApiUser.basic("rita");
    /** Specialist in NETWORK. */
    private static final ApiUser SAM = ApiUser.basic("sam");
    /** Manager of NETWORK, to which NETWORK-WAN reports. */
    private static final ApiUser MONA = ApiUser.basic("mona");
    private static final ApiUser ALICE = ApiUser.basic("alice");
    private static final ApiUser AUDREY = ApiUser.basic("audrey");

    /** Events of V-1: reported by rita, worked on by NETWORK, with internal and customer-visible notes. */
    private static final List<IncidentEvent> RITAS_INCIDENT = List.of(
            reported("V-1", "rita", minute(0)),
            assigned("V-1", "NETWORK", "sam", minute(1)),
            accepted("V-1", "NETWORK", "sam", minute(2)),
            note("V-1", INTERNAL_NOTE_ID, SECRET, NoteVisibility.INTERNAL, null, minute(3)),
            note("V-1", "note-public-1", "We are replacing the router.", NoteVisibility.CUSTOMER_VISIBLE,
                    INTERNAL_NOTE_ID, minute(4)),
            workNote("V-1", "second internal note, the last event", minute(5)));

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
        STORES.events().append(RITAS_INCIDENT.toArray(IncidentEvent[]::new));
        STORES.events().append(
                reported("V-2", "carol", minute(10)),
                assigned("V-2", "DATABASE", "dave", minute(11)),
                reported("V-3", "carol", minute(12)),
                assigned("V-3", "NETWORK-WAN", null, minute(13)),
                reported("V-4", "carol", minute(14)),
                assigned("V-4", "STORAGE", "sam", minute(15)));
    }

    private static WorkNoteAdded note(String id, String noteId, String text, NoteVisibility visibility,
                                      String correctsNoteId, Instant at) {
        return new WorkNoteAdded(new IncidentId(id), noteId, text, visibility, correctsNoteId, SPECIALIST, at);
    }

    private void assertReadable(ApiUser user, String... ids) throws Exception {
        for (String id : ids) {
            JsonNode summary = read(user, "/api/incidents/" + id, 200);
            assertThat(summary.get("incidentId").asText()).as("%s reads %s", user.name(), id).isEqualTo(id);
            read(user, "/api/incidents/" + id + "/history", 200);
        }
    }

    private void assertRejected(ApiUser user, String... ids) throws Exception {
        for (String id : ids) {
            JsonNode problem = read(user, "/api/incidents/" + id, 403);
            assertThat(problem.get("resource").asText()).isEqualTo("incident " + id);
            JsonNode historyProblem = read(user, "/api/incidents/" + id + "/history", 403);
            assertThat(historyProblem.get("resource").asText()).isEqualTo("incident " + id);
        }
    }

    @Test
    void requesterReadsOnlyOwnIncidents() throws Exception {
        awaitCaughtUp();

        assertReadable(RITA, "V-1");
        assertRejected(RITA, "V-2", "V-3", "V-4");
    }

    @Test
    void rejectionNamesUserResourceAndRuleOnly() throws Exception {
        awaitCaughtUp();

        MockHttpServletResponse response = perform(RITA, get("/api/incidents/V-2")).getResponse();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/not-permitted");
        assertThat(problem.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("user").asText()).isEqualTo("rita");
        assertThat(problem.get("resource").asText()).isEqualTo("incident V-2");
        assertThat(problem.get("rule").asText()).isEqualTo("user rita may read only incidents reported by rita");
        assertThat(problem.get("detail").asText())
                .isEqualTo("user rita may read only incidents reported by rita; incident V-2 is not one of them.");
        for (String content : List.of("carol", "DATABASE", "dave", "VPN", "ASSIGNED")) {
            assertThat(response.getContentAsString()).as("leaks %s", content).doesNotContain(content);
        }
    }

    @Test
    void requesterGetsSameRejectionForUnknownId() throws Exception {
        awaitCaughtUp();

        JsonNode unknown = read(RITA, "/api/incidents/V-404", 403);
        JsonNode foreign = read(RITA, "/api/incidents/V-2", 403);

        assertThat(unknown.get("detail").asText())
                .isEqualTo(foreign.get("detail").asText().replace("V-2", "V-404"));
        assertThat(unknown.get("rule")).isEqualTo(foreign.get("rule"));
        read(RITA, "/api/incidents/V-404/history", 403);
    }

    @Test
    void staffGetNotFoundForUnknownId() throws Exception {
        for (ApiUser user : List.of(SAM, MONA, ALICE, AUDREY)) {
            JsonNode problem = read(user, "/api/incidents/V-404", 404);
            assertThat(problem.get("code").asText()).isEqualTo("INCIDENT_NOT_FOUND");
            assertThat(problem.get("type").asText()).isEqualTo("/problems/incident-not-found");
            read(user, "/api/incidents/V-404/history", 404);
        }
    }

    @Test
    void specialistReadsGroupAndOwnAssignments() throws Exception {
        awaitCaughtUp();

        assertReadable(SAM, "V-1", "V-4");
        assertRejected(SAM, "V-2", "V-3");
    }

    @Test
    void managerReadsManagedGroupsAndGroupsBelow() throws Exception {
        awaitCaughtUp();

        assertReadable(MONA, "V-1", "V-3");
        assertRejected(MONA, "V-2", "V-4");
    }

    @Test
    void readOnlyRolesAndServiceDeskReadEverything() throws Exception {
        awaitCaughtUp();

        for (ApiUser user : List.of(ALICE, AUDREY, ApiUser.basic("ana"), ApiUser.basic("adam"))) {
            assertReadable(user, "V-1", "V-2", "V-3", "V-4");
        }
    }

    @Test
    void callerWithNoRoleReadsNothing() throws Exception {
        awaitCaughtUp();

        // An organisation file gives every user a role, but in JWT mode a token may carry no known role.
        ApiUser nobody = ApiUser.jwtCaller("rita", List.of(), List.of());

        assertRejected(nobody, "V-1");
    }

    @Test
    void rolesAddUp() throws Exception {
        awaitCaughtUp();
        // REQUESTER and SPECIALIST in DATABASE.
        ApiUser carol = ApiUser.basic("carol");

        assertReadable(carol, "V-2", "V-3", "V-4");
        assertRejected(carol, "V-1");
    }

    @Test
    void requesterHistoryLeavesOutInternalNotes() throws Exception {
        awaitCaughtUp();

        MockHttpServletResponse response = perform(RITA, get("/api/incidents/V-1/history")).getResponse();
        JsonNode history = json.readTree(response.getContentAsString());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).doesNotContain(SECRET, INTERNAL_NOTE_ID, "second internal note",
                "INTERNAL");
        List<String> types = new ArrayList<>();
        history.forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types).containsExactly("IncidentReported", "IncidentAssigned", "AssignmentAccepted",
                "WorkNoteAdded");
        JsonNode publicNote = history.get(3).get("details");
        assertThat(publicNote.get("text").asText()).isEqualTo("We are replacing the router.");
        assertThat(publicNote.get("visibility").asText()).isEqualTo("CUSTOMER_VISIBLE");
        assertThat(publicNote.has("correctsNoteId")).isFalse();
    }

    @Test
    void staffHistoryKeepsInternalNotes() throws Exception {
        awaitCaughtUp();

        for (ApiUser user : List.of(SAM, MONA, AUDREY)) {
            JsonNode history = read(user, "/api/incidents/V-1/history", 200);

            assertThat(history).hasSize(RITAS_INCIDENT.size());
            assertThat(history.get(3).get("details").get("text").asText()).isEqualTo(SECRET);
            assertThat(history.get(4).get("details").get("correctsNoteId").asText()).isEqualTo(INTERNAL_NOTE_ID);
        }
    }

    @Test
    void requesterSummaryHidesTimeOfInternalNote() throws Exception {
        awaitCaughtUp();

        JsonNode customerView = read(RITA, "/api/incidents/V-1", 200);
        JsonNode staffView = read(SAM, "/api/incidents/V-1", 200);

        IncidentEvent lastEvent = RITAS_INCIDENT.get(RITAS_INCIDENT.size() - 1);
        IncidentEvent lastCustomerVisible = RITAS_INCIDENT.get(RITAS_INCIDENT.size() - 2);
        assertThat(staffView.get("lastOccurredAt").asText()).isEqualTo(lastEvent.occurredAt().toString());
        assertThat(customerView.get("lastOccurredAt").asText())
                .isEqualTo(lastCustomerVisible.occurredAt().toString());
        assertThat(customerView.get("version")).isEqualTo(staffView.get("version"));
    }

    @Test
    void summaryCarriesVersionAsEtag() throws Exception {
        awaitCaughtUp();

        MockHttpServletResponse response = perform(SAM, get("/api/incidents/V-1")).getResponse();

        long lastSequence = RITAS_INCIDENT.size() - 1;
        assertThat(response.getHeader(HttpHeaders.ETAG)).isEqualTo("\"" + lastSequence + "\"");
        assertThat(json.readTree(response.getContentAsString()).get("version").asLong()).isEqualTo(lastSequence);
    }

    @Test
    void currentEtagGetsNotModified() throws Exception {
        awaitCaughtUp();
        String etag = perform(SAM, get("/api/incidents/V-1")).getResponse().getHeader(HttpHeaders.ETAG);

        MockHttpServletResponse current = perform(SAM, get("/api/incidents/V-1")
                .header(HttpHeaders.IF_NONE_MATCH, etag)).getResponse();
        MockHttpServletResponse stale = perform(SAM, get("/api/incidents/V-1")
                .header(HttpHeaders.IF_NONE_MATCH, "\"0\"")).getResponse();
        MockHttpServletResponse any = perform(SAM, get("/api/incidents/V-1")
                .header(HttpHeaders.IF_NONE_MATCH, "*")).getResponse();

        assertThat(current.getStatus()).isEqualTo(304);
        assertThat(current.getContentAsString()).isEmpty();
        assertThat(current.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(stale.getStatus()).isEqualTo(200);
        assertThat(stale.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
        assertThat(any.getStatus()).isEqualTo(304);
        assertThat(any.getContentAsString()).isEmpty();
    }

    @Test
    void etagFollowsNewEvents() throws Exception {
        project(reported("V-5", "carol", minute(20)));
        String first = perform(AUDREY, get("/api/incidents/V-5")).getResponse().getHeader(HttpHeaders.ETAG);

        project(assigned("V-5", "NETWORK", null, minute(21)));
        MockHttpServletResponse afterChange = perform(AUDREY, get("/api/incidents/V-5")
                .header(HttpHeaders.IF_NONE_MATCH, first)).getResponse();

        assertThat(first).isEqualTo("\"0\"");
        assertThat(afterChange.getStatus()).isEqualTo(200);
        assertThat(afterChange.getHeader(HttpHeaders.ETAG)).isEqualTo("\"1\"");
    }

    @Test
    void rejectionComesBeforeNotModified() throws Exception {
        awaitCaughtUp();
        String etag = perform(AUDREY, get("/api/incidents/V-2")).getResponse()
                .getHeader(HttpHeaders.ETAG);

        MockHttpServletResponse response = perform(RITA, get("/api/incidents/V-2")
                .header(HttpHeaders.IF_NONE_MATCH, etag)).getResponse();

        assertThat(etag).isNotNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader(HttpHeaders.ETAG)).isNull();
    }
}
