package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.reported;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.access.Role;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.refusal.CommandRefused;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * Reads the refusal log through the REST API, with {@link CommandRefused} events stored outside any incident stream,
 * as the command side's event bus stores them.
 */
class RefusalLogApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser ADAM = ApiUser.basic("adam");
    private static final ApiUser ANA = ApiUser.basic("ana");
    private static final ApiUser ALICE = ApiUser.basic("alice");
    private static final ApiUser RITA = ApiUser.basic("rita");

    private static final Instant NINE = Instant.parse("2025-03-03T09:00:00Z");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void appendRefusals() {
        STORES.events().append(reported("R-1", "rita", NINE), reported("R-2", "rita", NINE));
        Actor rita = new Actor(new UserId("rita"), Role.REQUESTER, null);
        Actor sam = new Actor(new UserId("sam"), Role.SPECIALIST, new SupportGroupId("NETWORK"));
        STORES.events().appendUnscoped(new CommandRefused(new IncidentId("R-1"), "resolve", "ResolveIncidentCommand",
                ErrorCode.NOT_PERMITTED, "User rita may not resolve incident R-1.", "NEW", rita, null, null, 3),
                NINE.plus(Duration.ofMinutes(10)));
        STORES.events().appendUnscoped(new CommandRefused(new IncidentId("R-1"), "accept", "AcceptAssignmentCommand",
                ErrorCode.VERSION_CONFLICT, "Incident R-1 is at version 0, not 5.", "NEW", sam,
                NINE.plus(Duration.ofMinutes(19)), 5L, 3), NINE.plus(Duration.ofMinutes(20)));
        STORES.events().appendUnscoped(new CommandRefused(new IncidentId("R-2"), "close", "CloseIncidentCommand",
                ErrorCode.COMMAND_NOT_ALLOWED, "Cannot close incident R-2 in state NEW.", "NEW", sam, null, null, 4),
                NINE.plus(Duration.ofMinutes(30)));
    }

    @BeforeEach
    void projected() throws Exception {
        awaitCaughtUp();
    }

    @Test
    void logListsRefusalsNewestFirst() throws Exception {
        JsonNode page = read(AUDREY, "/api/refusals", 200);

        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("items").findValuesAsText("command")).containsExactly("close", "accept", "resolve");
        JsonNode accept = page.get("items").get(1);
        assertThat(accept.get("incidentId").asText()).isEqualTo("R-1");
        assertThat(accept.get("commandType").asText()).isEqualTo("AcceptAssignmentCommand");
        assertThat(accept.get("code").asText()).isEqualTo("VERSION_CONFLICT");
        assertThat(accept.get("message").asText()).isEqualTo("Incident R-1 is at version 0, not 5.");
        assertThat(accept.get("state").asText()).isEqualTo("NEW");
        assertThat(accept.get("actor").get("user").asText()).isEqualTo("sam");
        assertThat(accept.get("actor").get("role").asText()).isEqualTo("SPECIALIST");
        assertThat(accept.get("actor").get("group").asText()).isEqualTo("NETWORK");
        assertThat(Instant.parse(accept.get("recordedAt").asText())).isEqualTo(NINE.plus(Duration.ofMinutes(20)));
        assertThat(Instant.parse(accept.get("occurredAt").asText())).isEqualTo(NINE.plus(Duration.ofMinutes(19)));
        assertThat(accept.get("expectedVersion").asLong()).isEqualTo(5);
        assertThat(accept.get("organisationVersion").asLong()).isEqualTo(3);
    }

    @Test
    void logFiltersByIncidentUserAndTime() throws Exception {
        JsonNode ofIncident = read(ADAM, "/api/incidents/R-1/refusals", 200);
        JsonNode byQuery = read(ADAM, "/api/refusals?incidentId=R-1", 200);
        JsonNode ofSam = read(AUDREY, "/api/refusals?user=sam", 200);
        JsonNode window = read(AUDREY, "/api/refusals?from=2025-03-03T09:15:00Z&to=2025-03-03T09:30:00Z", 200);
        JsonNode secondPage = read(AUDREY, "/api/refusals?page=1&size=2", 200);

        assertThat(ofIncident.get("items").findValuesAsText("command")).containsExactly("accept", "resolve");
        assertThat(byQuery.get("items")).isEqualTo(ofIncident.get("items"));
        assertThat(ofSam.get("items").findValuesAsText("command")).containsExactly("close", "accept");
        assertThat(window.get("items").findValuesAsText("command")).containsExactly("accept");
        assertThat(secondPage.get("items").findValuesAsText("command")).containsExactly("resolve");
        assertThat(secondPage.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void onlyAuditorsAndAdminsReadLog() throws Exception {
        for (ApiUser user : new ApiUser[] {ANA, ALICE, RITA}) {
            JsonNode rejected = read(user, "/api/refusals", 403);
            JsonNode rejectedForIncident = read(user, "/api/incidents/R-1/refusals", 403);

            assertThat(rejected.get("code").asText()).isEqualTo("NOT_PERMITTED");
            assertThat(rejected.get("detail").asText()).contains("AUDITOR or ADMIN");
            assertThat(rejectedForIncident.get("code").asText()).isEqualTo("NOT_PERMITTED");
        }
    }

    @Test
    void refusalsLeaveIncidentUnchanged() throws Exception {
        JsonNode summary = read(AUDREY, "/api/incidents/R-1", 200);
        JsonNode history = read(AUDREY, "/api/incidents/R-1/history", 200);

        assertThat(summary.get("version").asLong()).isZero();
        assertThat(history).hasSize(1);
    }

    @Test
    void badFiltersAreRejected() throws Exception {
        JsonNode badFrom = read(AUDREY, "/api/refusals?from=monday", 400);
        JsonNode reversed = read(AUDREY, "/api/refusals?from=2025-03-03T10:00:00Z&to=2025-03-03T09:00:00Z", 400);

        assertThat(badFrom.get("parameter").asText()).isEqualTo("from");
        assertThat(reversed.get("parameter").asText()).isEqualTo("to");
    }
}
