package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * Changes stored events directly in the event table, as the database owner could, after the hash chain projection
 * recorded their hashes, and checks that the verification endpoint names the entry that changed.
 */
class HashChainVerificationApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser ADAM = ApiUser.basic("adam");
    private static final ApiUser ANA = ApiUser.basic("ana");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void recordIncidents() {
        for (String id : new String[] {"HC-1", "HC-2", "HC-3", "HC-4", "HC-5", "HC-6"}) {
            STORES.events().append(handled(id));
        }
    }

    private static IncidentEvent[] handled(String id) {
        return new IncidentEvent[] {
                reported(id, "rita", minute(0)),
                assigned(id, "NETWORK", "sam", minute(10)),
                accepted(id, "NETWORK", "sam", minute(20)),
                resolved(id, "NETWORK", "sam", minute(90))};
    }

    @Test
    void untouchedChainIsValid() throws Exception {
        awaitCaughtUp();

        JsonNode report = read(AUDREY, "/api/incidents/HC-1/verification", 200);

        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("entriesChecked").asInt()).isEqualTo(4);
        assertThat(report.get("brokenEntries").asInt()).isZero();
        assertThat(report.get("firstBreak").isNull()).isTrue();
        assertThat(read(ADAM, "/api/incidents/HC-1/verification", 200).get("valid").asBoolean()).isTrue();
    }

    @Test
    void changedPayloadNamesThatEntry() throws Exception {
        awaitCaughtUp();
        assertThat(read(AUDREY, "/api/incidents/HC-2/verification", 200).get("valid").asBoolean()).isTrue();
        String before = payload("HC-2", 2);

        updatePayload("HC-2", 2, before.replace("\"sam\"", "\"mallory\""));

        JsonNode report = read(AUDREY, "/api/incidents/HC-2/verification", 200);
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("entriesChecked").asInt()).isEqualTo(4);
        assertThat(report.get("brokenEntries").asInt()).isEqualTo(1);
        JsonNode firstBreak = report.get("firstBreak");
        assertThat(firstBreak.get("sequenceNumber").asLong()).isEqualTo(2);
        assertThat(firstBreak.get("reason").asText()).contains("content differs");
        assertThat(EventHashChain.isHash(firstBreak.get("recordedHash").asText())).isTrue();
        assertThat(EventHashChain.isHash(firstBreak.get("recomputedHash").asText())).isTrue();
        assertThat(firstBreak.get("recomputedHash").asText()).isNotEqualTo(firstBreak.get("recordedHash").asText());

        updatePayload("HC-2", 2, before);
        assertThat(read(AUDREY, "/api/incidents/HC-2/verification", 200).get("valid").asBoolean()).isTrue();
    }

    @Test
    void addedPayloadMemberIsDetected() throws Exception {
        awaitCaughtUp();
        String before = payload("HC-6", 1);

        // Reading the event ignores an unknown member, so only a hash over the stored JSON notices it.
        updatePayload("HC-6", 1, before.replaceFirst("\\{", "{\"approvedBy\":\"mallory\","));

        JsonNode report = read(AUDREY, "/api/incidents/HC-6/verification", 200);
        assertThat(payload("HC-6", 1)).contains("approvedBy");
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("firstBreak").get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(report.get("firstBreak").get("reason").asText()).contains("content differs");
    }

    @Test
    void deletedEntryIsNamed() throws Exception {
        awaitCaughtUp();

        execute("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'HC-3' AND sequenceNumber = 1");

        JsonNode report = read(AUDREY, "/api/incidents/HC-3/verification", 200);
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("storedEntries").asInt()).isEqualTo(3);
        assertThat(report.get("recordedEntries").asInt()).isEqualTo(4);
        JsonNode firstBreak = report.get("firstBreak");
        assertThat(firstBreak.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(firstBreak.get("reason").asText()).contains("sequence number 2");
    }

    @Test
    void deletedLastEntryIsNamed() throws Exception {
        awaitCaughtUp();

        execute("DELETE FROM DomainEventEntry WHERE aggregateIdentifier = 'HC-5' AND sequenceNumber = 3");

        JsonNode report = read(AUDREY, "/api/incidents/HC-5/verification", 200);
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("entriesChecked").asInt()).isEqualTo(4);
        JsonNode firstBreak = report.get("firstBreak");
        assertThat(firstBreak.get("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(firstBreak.get("reason").asText()).contains("deleted");
        assertThat(firstBreak.get("recomputedHash").isNull()).isTrue();
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        awaitCaughtUp();

        // Swaps the sequence numbers of entries 1 and 2 through a free number, as the primary key requires.
        execute("UPDATE DomainEventEntry SET sequenceNumber = 99 WHERE aggregateIdentifier = 'HC-4'"
                + " AND sequenceNumber = 1");
        execute("UPDATE DomainEventEntry SET sequenceNumber = 1 WHERE aggregateIdentifier = 'HC-4'"
                + " AND sequenceNumber = 2");
        execute("UPDATE DomainEventEntry SET sequenceNumber = 2 WHERE aggregateIdentifier = 'HC-4'"
                + " AND sequenceNumber = 99");

        JsonNode report = read(AUDREY, "/api/incidents/HC-4/verification", 200);
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("brokenEntries").asInt()).isEqualTo(2);
        assertThat(report.get("firstBreak").get("sequenceNumber").asLong()).isEqualTo(1);
    }

    @Test
    void analystMayNotVerify() throws Exception {
        awaitCaughtUp();

        read(ANA, "/api/incidents/HC-1/verification", 403);
    }

    @Test
    void unknownIncidentIsNotFound() throws Exception {
        awaitCaughtUp();

        JsonNode problem = read(AUDREY, "/api/incidents/HC-404/verification", 404);

        assertThat(problem.get("incidentId").asText()).isEqualTo("HC-404");
    }

    private static String payload(String incidentId, long sequenceNumber) throws SQLException {
        try (Connection connection = ownerConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            select.setString(1, incidentId);
            select.setLong(2, sequenceNumber);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("event %s of %s in the table", sequenceNumber, incidentId).isTrue();
                return new String(row.getBytes(1), StandardCharsets.UTF_8);
            }
        }
    }

    private static void updatePayload(String incidentId, long sequenceNumber, String payload) throws SQLException {
        try (Connection connection = ownerConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE DomainEventEntry SET payload = ?"
                     + " WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            update.setBytes(1, payload.getBytes(StandardCharsets.UTF_8));
            update.setString(2, incidentId);
            update.setLong(3, sequenceNumber);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = ownerConnection()) {
            assertThat(connection.createStatement().executeUpdate(sql)).as(sql).isEqualTo(1);
        }
    }

    private static Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(STORES.events().url(), "sa", "");
    }
}
