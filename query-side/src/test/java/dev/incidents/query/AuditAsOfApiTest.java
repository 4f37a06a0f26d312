package dev.incidents.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.ServiceLevelEvents;
import dev.incidents.query.testing.TestStores;

/**
 * The audit trail and the incident as of an instant, through the REST API, with events that pass through a real
 * event table, the tracking processors and MongoDB. Incident A-1 is reported at 09:00 with impact and urgency MEDIUM
 * (P3), gets an internal note at 09:45, its urgency raised to HIGH (P2) at 10:00, is resolved at 11:00 and closed by
 * the auto-close rule three days later. Incident L-1 gets a customer-visible note recorded two hours after it
 * happened.
 */
class AuditAsOfApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser RITA = ApiUser.basic("rita");
    /** Specialist in NETWORK, which neither incident touches. */
    private static final ApiUser SAM = ApiUser.basic("sam");

    private static final Instant NINE = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant NOTE_TIME = NINE.plus(Duration.ofMinutes(45));
    private static final Instant TEN = NINE.plus(Duration.ofHours(1));
    private static final Instant ELEVEN = NINE.plus(Duration.ofHours(2));
    private static final Instant AUTO_CLOSE = ELEVEN.plus(Duration.ofDays(3));
    private static final Duration RECORDING_DELAY = Duration.ofHours(2);

    private static final Actor ALICE = new Actor(new UserId("alice"), Role.SERVICE_DESK,
            new SupportGroupId("SERVICE-DESK"));
    private static final Actor AUTO_CLOSE_RULE = Actor.rule("auto-close/v1");
    private static final ServiceLevelTerms TERMS = terms();

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
        IncidentId a1 = new IncidentId("A-1");
        STORES.events().append(
                reported("A-1", "rita", NINE),
                new WorkNoteAdded(a1, "note-1", "called the vendor", NoteVisibility.INTERNAL, null, ALICE,
                        NOTE_TIME),
                new IncidentClassified(a1, "network", Impact.MEDIUM, Urgency.HIGH, Priority.P2_HIGH, "network",
                        Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, ALICE, TEN),
                new IncidentResolved(a1, "FIXED", "restarted the VPN gateway", null,
                        new SupportGroupId("SERVICE-DESK"), new UserId("alice"), ALICE, ELEVEN),
                new IncidentClosed(a1, null, null, AUTO_CLOSE_RULE, AUTO_CLOSE),
                reported("L-1", "carol", NINE));
        STORES.events().appendRecordedAt(new WorkNoteAdded(new IncidentId("L-1"), "note-2", "user confirmed the fix",
                        NoteVisibility.CUSTOMER_VISIBLE, null, ALICE, TEN), TEN.plus(RECORDING_DELAY),
                Map.of(CallerMetaData.ORGANISATION_VERSION, 1L));
    }

    @BeforeEach
    void projected() throws Exception {
        awaitCaughtUp();
    }

    @Test
    void historyShowsInitialValuesChangesAndRuleClosure() throws Exception {
        JsonNode history = read(AUDREY, "/api/incidents/A-1/history", 200);

        assertThat(history.findValuesAsText("type")).containsExactly("IncidentReported", "WorkNoteAdded",
                "IncidentClassified", "IncidentResolved", "IncidentClosed");

        JsonNode reported = history.get(0);
        assertThat(change(reported, "state")).isEqualTo(List.of("null", "NEW"));
        assertThat(change(reported, "impact")).isEqualTo(List.of("null", "MEDIUM"));
        assertThat(change(reported, "urgency")).isEqualTo(List.of("null", "MEDIUM"));
        assertThat(change(reported, "priority")).isEqualTo(List.of("null", "P3_MODERATE"));
        assertThat(change(reported, "ownerGroup")).isEqualTo(List.of("null", "SERVICE-DESK"));
        assertThat(change(reported, "requester")).isEqualTo(List.of("null", "rita"));
        assertThat(change(reported, "reassignmentCount")).isEqualTo(List.of("null", "0"));
        assertThat(reported.get("actor").get("user").asText()).isEqualTo("alice");
        assertThat(reported.get("actor").get("role").asText()).isEqualTo("SERVICE_DESK");
        assertThat(reported.get("actor").get("group").asText()).isEqualTo("SERVICE-DESK");
        assertThat(reported.get("details").get("serviceLevelPolicy").asText()).isEqualTo("standard v1");
        assertThat(Instant.parse(reported.get("occurredAt").asText())).isEqualTo(NINE);

        JsonNode classified = history.get(2);
        assertThat(change(classified, "urgency")).isEqualTo(List.of("MEDIUM", "HIGH"));
        assertThat(change(classified, "priority")).isEqualTo(List.of("P3_MODERATE", "P2_HIGH"));
        assertThat(classified.get("changes")).hasSize(2);

        JsonNode resolved = history.get(3);
        assertThat(change(resolved, "state")).isEqualTo(List.of("NEW", "RESOLVED"));
        assertThat(resolved.get("details").get("resolutionCode").asText()).isEqualTo("FIXED");
        assertThat(Instant.parse(resolved.get("occurredAt").asText())).isEqualTo(ELEVEN);

        JsonNode closed = history.get(4);
        assertThat(change(closed, "state")).isEqualTo(List.of("RESOLVED", "CLOSED"));
        assertThat(closed.get("actor").get("user").asText()).isEqualTo("system:auto-close/v1");
        assertThat(closed.get("actor").get("role").isNull()).isTrue();
        assertThat(Instant.parse(closed.get("occurredAt").asText())).isEqualTo(AUTO_CLOSE);
    }

    @Test
    void summaryAsOfShowsPriorityOfThatTime() throws Exception {
        JsonNode atNineThirty = read(AUDREY, "/api/incidents/A-1?asOf=2025-03-03T09:30:00Z", 200);
        JsonNode atTenThirty = read(AUDREY, "/api/incidents/A-1?asOf=2025-03-03T10:30:00Z", 200);

        assertThat(atNineThirty.get("priority").asText()).isEqualTo("P3_MODERATE");
        assertThat(atNineThirty.get("urgency").asText()).isEqualTo("MEDIUM");
        assertThat(atNineThirty.get("state").asText()).isEqualTo("NEW");
        assertThat(atNineThirty.get("version").asLong()).isZero();
        assertThat(atTenThirty.get("priority").asText()).isEqualTo("P2_HIGH");
        assertThat(atTenThirty.get("urgency").asText()).isEqualTo("HIGH");
        assertThat(atTenThirty.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void historyAsOfEndsAtThatTime() throws Exception {
        JsonNode history = read(AUDREY, "/api/incidents/A-1/history?asOf=2025-03-03T10:30:00Z", 200);

        assertThat(history.findValuesAsText("type")).containsExactly("IncidentReported", "WorkNoteAdded",
                "IncidentClassified");
    }

    @Test
    void asOfNowMatchesLiveReadModels() throws Exception {
        String now = Instant.now().toString();

        JsonNode liveSummary = read(AUDREY, "/api/incidents/A-1", 200);
        JsonNode summaryAsOf = read(AUDREY, "/api/incidents/A-1?asOf=" + now, 200);
        JsonNode liveHistory = read(AUDREY, "/api/incidents/A-1/history", 200);
        JsonNode historyAsOf = read(AUDREY, "/api/incidents/A-1/history?asOf=" + now + "&timeAxis=recorded", 200);

        assertThat(summaryAsOf).isEqualTo(liveSummary);
        assertThat(historyAsOf).isEqualTo(liveHistory);
    }

    @Test
    void serviceLevelAsOfFollowsPriority() throws Exception {
        JsonNode atNineThirty = read(AUDREY, "/api/incidents/A-1/service-level?asOf=2025-03-03T09:30:00Z", 200);
        JsonNode atTenThirty = read(AUDREY, "/api/incidents/A-1/service-level?asOf=2025-03-03T10:30:00Z", 200);
        JsonNode latest = read(AUDREY, "/api/incidents/A-1/service-level", 200);

        JsonNode resolutionAtNineThirty = atNineThirty.get("reading").get("resolution");
        assertThat(resolutionAtNineThirty.get("priority").asText()).isEqualTo("P3_MODERATE");
        assertThat(Duration.parse(resolutionAtNineThirty.get("target").asText())).isEqualTo(Duration.ofHours(8));
        assertThat(Duration.parse(resolutionAtNineThirty.get("elapsed").asText()))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(resolutionAtNineThirty.get("status").asText()).isEqualTo("RUNNING");

        JsonNode resolutionAtTenThirty = atTenThirty.get("reading").get("resolution");
        assertThat(resolutionAtTenThirty.get("priority").asText()).isEqualTo("P2_HIGH");
        assertThat(Duration.parse(resolutionAtTenThirty.get("target").asText())).isEqualTo(Duration.ofHours(4));
        assertThat(Duration.parse(resolutionAtTenThirty.get("elapsed").asText()))
                .isEqualTo(Duration.ofMinutes(90));

        assertThat(Instant.parse(latest.get("reading").get("asOf").asText())).isEqualTo(AUTO_CLOSE);
        assertThat(latest.get("reading").get("resolution").get("outcome").asText()).isEqualTo("MET");
        assertThat(Duration.parse(latest.get("reading").get("resolution").get("elapsed").asText()))
                .isEqualTo(Duration.ofHours(2));
        assertThat(latest.get("version").asLong()).isEqualTo(4);
    }

    @Test
    void asOfBeforeReportLooksLikeUnknownIncident() throws Exception {
        JsonNode unknown = read(AUDREY, "/api/incidents/NO-SUCH-1", 404);
        JsonNode beforeReport = read(AUDREY, "/api/incidents/A-1?asOf=2025-03-03T08:59:59Z", 404);
        JsonNode historyBeforeReport = read(AUDREY, "/api/incidents/A-1/history?asOf=2025-03-03T08:59:59Z", 404);

        for (JsonNode problem : List.of(beforeReport, historyBeforeReport)) {
            assertThat(fieldNames(problem)).isEqualTo(fieldNames(unknown));
            assertThat(problem.get("code")).isEqualTo(unknown.get("code"));
            assertThat(problem.get("type")).isEqualTo(unknown.get("type"));
            assertThat(problem.get("title")).isEqualTo(unknown.get("title"));
            assertThat(problem.get("incidentId").asText()).isEqualTo("A-1");
        }
    }

    @Test
    void futureOrMalformedAsOfIsRejected() throws Exception {
        String future = Instant.now().plus(Duration.ofDays(1)).toString();

        JsonNode inFuture = read(AUDREY, "/api/incidents/A-1?asOf=" + future, 400);
        JsonNode malformed = read(AUDREY, "/api/incidents/A-1/history?asOf=yesterday", 400);
        JsonNode badAxis = read(AUDREY, "/api/incidents/A-1/service-level?asOf=2025-03-03T10:00:00Z&timeAxis=local",
                400);

        assertThat(inFuture.get("parameter").asText()).isEqualTo("asOf");
        assertThat(inFuture.get("value").asText()).isEqualTo(future);
        assertThat(inFuture.get("detail").asText()).contains(future, "future");
        assertThat(malformed.get("parameter").asText()).isEqualTo("asOf");
        assertThat(malformed.get("detail").asText()).contains("'yesterday'");
        assertThat(badAxis.get("parameter").asText()).isEqualTo("timeAxis");
        assertThat(badAxis.get("detail").asText()).contains("'local'");
    }

    @Test
    void historyEntriesCarryBothTimes() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        read(AUDREY, "/api/incidents/A-1/history", 200).forEach(entries::add);
        read(AUDREY, "/api/incidents/L-1/history", 200).forEach(entries::add);

        for (JsonNode entry : entries) {
            assertThat(entry.hasNonNull("occurredAt")).as("occurredAt of %s", entry).isTrue();
            assertThat(entry.hasNonNull("recordedAt")).as("recordedAt of %s", entry).isTrue();
        }
        JsonNode lateNote = entries.get(entries.size() - 1);
        assertThat(lateNote.get("type").asText()).isEqualTo("WorkNoteAdded");
        assertThat(Duration.between(Instant.parse(lateNote.get("occurredAt").asText()),
                Instant.parse(lateNote.get("recordedAt").asText()))).isEqualTo(RECORDING_DELAY);
    }

    @Test
    void lateNoteCountsByBusinessTimeOnly() throws Exception {
        String between = TEN.plus(Duration.ofHours(1)).toString();

        JsonNode business = read(AUDREY, "/api/incidents/L-1/history?asOf=" + between, 200);
        JsonNode recorded = read(AUDREY, "/api/incidents/L-1/history?asOf=" + between + "&timeAxis=recorded", 200);

        assertThat(business.findValuesAsText("type")).containsExactly("IncidentReported", "WorkNoteAdded");
        assertThat(recorded.findValuesAsText("type")).containsExactly("IncidentReported");
    }

    @Test
    void requesterAsOfHidesInternalNotes() throws Exception {
        JsonNode history = read(RITA, "/api/incidents/A-1/history?asOf=2025-03-03T10:30:00Z", 200);
        JsonNode summary = read(RITA, "/api/incidents/A-1?asOf=2025-03-03T09:50:00Z", 200);

        assertThat(history.findValuesAsText("type")).containsExactly("IncidentReported", "IncidentClassified");
        assertThat(Instant.parse(summary.get("lastOccurredAt").asText())).isEqualTo(NINE);
    }

    @Test
    void asOfKeepsLiveVisibilityRules() throws Exception {
        JsonNode live = read(SAM, "/api/incidents/A-1", 403);
        JsonNode asOf = read(SAM, "/api/incidents/A-1?asOf=2025-03-03T10:30:00Z", 403);
        JsonNode serviceLevel = read(SAM, "/api/incidents/A-1/service-level", 403);
        JsonNode othersIncident = read(RITA, "/api/incidents/L-1/history?asOf=2025-03-03T10:30:00Z", 403);
        JsonNode unknownForRequester = read(RITA, "/api/incidents/NO-SUCH-1?asOf=2025-03-03T10:30:00Z", 403);

        assertThat(asOf.get("detail")).isEqualTo(live.get("detail"));
        assertThat(serviceLevel.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(othersIncident.get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(unknownForRequester.get("detail").asText())
                .isEqualTo(othersIncident.get("detail").asText().replace("L-1", "NO-SUCH-1"));
    }

    private static IncidentReported reported(String id, String requester, Instant at) {
        return new IncidentReported(new IncidentId(id), "VPN drops every few minutes", null, new UserId(requester),
                "network", Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, new SupportGroupId("SERVICE-DESK"),
                TERMS, ALICE, at);
    }

    /** Terms whose targets differ by priority, so a reclassification shows in the clocks. */
    private static ServiceLevelTerms terms() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1_CRITICAL, new ServiceLevelTargets(Duration.ofMinutes(15), Duration.ofHours(2)));
        targets.put(Priority.P2_HIGH, new ServiceLevelTargets(Duration.ofMinutes(30), Duration.ofHours(4)));
        targets.put(Priority.P3_MODERATE, new ServiceLevelTargets(Duration.ofHours(1), Duration.ofHours(8)));
        targets.put(Priority.P4_LOW, new ServiceLevelTargets(Duration.ofHours(4), Duration.ofHours(24)));
        targets.put(Priority.P5_PLANNING, new ServiceLevelTargets(Duration.ofHours(8), Duration.ofHours(72)));
        ServiceLevelPolicy policy = new ServiceLevelPolicy(ServiceLevelEvents.POLICY, 1,
                Instant.parse("2025-01-01T00:00:00Z"), targets);
        return new ServiceLevelTerms(policy, ServiceLevelEvents.ALWAYS_OPEN, Map.of());
    }

    /** Returns the old and new value of the field in the entry's changes, as text ("null" for none). */
    private static List<String> change(JsonNode entry, String field) {
        for (JsonNode change : entry.get("changes")) {
            if (change.get("field").asText().equals(field)) {
                return List.of(change.get("oldValue").asText(), change.get("newValue").asText());
            }
        }
        throw new AssertionError("entry " + entry.get("type") + " changes no " + field + ": " + entry);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
