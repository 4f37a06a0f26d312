package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.incidents.api.audit.CsvReader;
import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.audit.ExportVerifier;
import dev.incidents.api.audit.ExportVerifier.IncidentResult;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * Exports the event log as CSV through the REST API and verifies the file offline, as {@code bin/incidents
 * verify-export} does, before and after one of its cells is edited.
 */
class EventCsvExportApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser ANA = ApiUser.basic("ana");
    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final ApiUser MONA = ApiUser.basic("mona");

    private static final String NOTE = "called back, user says \"still slow\"\nsecond line";

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
        STORES.events().append(
                reported("EX-1", "rita", minute(0)),
                assigned("EX-1", "NETWORK", "sam", minute(10)),
                accepted("EX-1", "NETWORK", "sam", minute(20)),
                resolved("EX-1", "NETWORK", "sam", minute(90)));
        STORES.events().append(
                reported("EX-2", "rita", minute(24 * 60)),
                assigned("EX-2", "DATABASE", "dave", minute(24 * 60 + 10)),
                workNote("EX-2", NOTE, minute(24 * 60 + 15)));
        STORES.events().append(
                reported("EX-3", "rita", minute(48 * 60)),
                assigned("EX-3", "NETWORK", "sam", minute(48 * 60 + 10)),
                accepted("EX-3", "NETWORK", "sam", minute(48 * 60 + 20)));
        STORES.events().append(
                reported("EX-4", "rita", minute(72 * 60)),
                assigned("EX-4", "NETWORK", "sam", minute(72 * 60 + 10)),
                accepted("EX-4", "NETWORK", "sam", minute(72 * 60 + 20)));
    }

    @Test
    void exportHasOneRowPerEventInOrder() throws Exception {
        awaitCaughtUp();

        MockHttpServletResponse response = export(ANA, "", 200);
        List<List<String>> rows = records(response.getContentAsString(StandardCharsets.UTF_8));

        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(rows.get(0)).containsExactly("incidentId", "sequenceNumber", "eventType", "occurredAt",
                "recordedAt", "actorUser", "actorRole", "actorGroup", "state", "priority", "ownerGroup",
                "assignedGroup", "assignee", "payload", "previousHash", "hash");
        List<String> keys = rows.subList(1, rows.size()).stream().map(row -> row.get(0) + "/" + row.get(1))
                .toList();
        assertThat(keys).containsExactly("EX-1/0", "EX-1/1", "EX-1/2", "EX-1/3", "EX-2/0", "EX-2/1", "EX-2/2",
                "EX-3/0", "EX-3/1", "EX-3/2", "EX-4/0", "EX-4/1", "EX-4/2");
    }

    @Test
    void rowCarriesActorTimesAndStateAfterEvent() throws Exception {
        awaitCaughtUp();

        Map<String, Map<String, String>> rows = byKey(export(AUDREY, "", 200));

        Map<String, String> report = rows.get("EX-1/0");
        assertThat(report.get("eventType")).isEqualTo("IncidentReported");
        assertThat(report.get("occurredAt")).isEqualTo(minute(0).toString());
        assertThat(report.get("recordedAt")).isEqualTo(minute(0).plusSeconds(1).toString());
        assertThat(report.get("actorUser")).isEqualTo("alice");
        assertThat(report.get("actorRole")).isEmpty();
        assertThat(report.get("actorGroup")).isEqualTo("SERVICE-DESK");
        assertThat(report.get("state")).isEqualTo("NEW");
        assertThat(report.get("previousHash")).isEqualTo(EventHashChain.GENESIS_HASH);
        Map<String, String> resolution = rows.get("EX-1/3");
        assertThat(resolution.get("state")).isEqualTo("RESOLVED");
        assertThat(resolution.get("assignedGroup")).isEqualTo("NETWORK");
        assertThat(resolution.get("assignee")).isEqualTo("sam");
        assertThat(resolution.get("previousHash")).isEqualTo(rows.get("EX-1/2").get("hash"));
        assertThat(rows.get("EX-2/2").get("payload")).contains("still slow");
        assertThat(rows.get("EX-2/2").get("payload"))
                .isEqualTo(EventHashChain.canonicalJson(rows.get("EX-2/2").get("payload")));
    }

    @Test
    void filtersSelectByStateGroupAndPeriod() throws Exception {
        awaitCaughtUp();

        assertThat(incidentsOf(export(ANA, "?state=RESOLVED", 200))).containsExactly("EX-1");
        assertThat(incidentsOf(export(ANA, "?group=DATABASE", 200))).containsExactly("EX-2");
        assertThat(incidentsOf(export(ANA, "?group=NETWORK&state=in_progress", 200)))
                .containsExactly("EX-3", "EX-4");
        assertThat(incidentsOf(export(ANA, "?from=2024-03-02&to=2024-03-03", 200))).containsExactly("EX-2");
        assertThat(incidentsOf(export(ANA, "?from=" + minute(48 * 60), 200))).containsExactly("EX-3", "EX-4");
        assertThat(incidentsOf(export(ANA, "?state=CLOSED", 200))).isEmpty();
    }

    @Test
    void emptyFiltersCountAsMissing() throws Exception {
        awaitCaughtUp();

        assertThat(incidentsOf(export(ANA, "?from=&to=&group=&state=", 200)))
                .containsExactly("EX-1", "EX-2", "EX-3", "EX-4");
    }

    @Test
    void invalidFiltersAreRejected() throws Exception {
        awaitCaughtUp();

        assertThat(export(ANA, "?state=DONE", 400).getContentAsString()).contains("DONE");
        assertThat(export(ANA, "?from=yesterday", 400).getContentAsString()).contains("yesterday");
        export(ANA, "?from=2024-03-03&to=2024-03-02", 400);
    }

    @Test
    void managerMayNotExport() throws Exception {
        awaitCaughtUp();

        export(MONA, "", 403);
    }

    @Test
    void exportVerifiesAndEditedCellIsNamed() throws Exception {
        awaitCaughtUp();
        String csv = export(ANA, "?from=2024-03-01&to=2024-03-04", 200).getContentAsString(StandardCharsets.UTF_8);
        Map<String, IncidentResult> before = verify(csv);
        assertThat(before.keySet()).containsExactly("EX-1", "EX-2", "EX-3");
        assertThat(before.values()).allMatch(IncidentResult::valid);

        String row = lineStartingWith(csv, "EX-3,1,");
        String occurredAt = minute(48 * 60 + 10).toString();
        String edited = csv.replace(row, row.replace(occurredAt, minute(48 * 60 + 11).toString()));
        Map<String, IncidentResult> after = verify(edited);

        assertThat(after.get("EX-1").valid()).isTrue();
        assertThat(after.get("EX-2").valid()).isTrue();
        IncidentResult broken = after.get("EX-3");
        assertThat(broken.valid()).isFalse();
        assertThat(broken.firstBrokenSequence()).isEqualTo(1);
        assertThat(broken.firstBrokenLine()).isEqualTo(lineNumberOf(edited, "EX-3,1,"));
        assertThat(broken.reason()).contains("does not match its hash");
    }

    @Test
    void editedActorCellIsNamed() throws Exception {
        awaitCaughtUp();
        String csv = export(ANA, "?group=DATABASE", 200).getContentAsString(StandardCharsets.UTF_8);
        String row = lineStartingWith(csv, "EX-2,1,");

        String edited = csv.replace(row, row.replace(",alice,", ",mallory,"));
        IncidentResult result = verify(edited).get("EX-2");

        assertThat(row).contains(",alice,");
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenLine()).isEqualTo(lineNumberOf(edited, "EX-2,1,"));
        assertThat(result.reason()).contains("actorUser");
    }

    @Test
    void eventChangedInStoreFailsExportVerification() throws Exception {
        awaitCaughtUp();
        try (Connection connection = DriverManager.getConnection(STORES.events().url(), "sa", "");
             PreparedStatement select = connection.prepareStatement("SELECT payload FROM DomainEventEntry"
                     + " WHERE aggregateIdentifier = 'EX-4' AND sequenceNumber = 1");
             PreparedStatement update = connection.prepareStatement("UPDATE DomainEventEntry SET payload = ?"
                     + " WHERE aggregateIdentifier = 'EX-4' AND sequenceNumber = 1")) {
            String payload;
            try (ResultSet stored = select.executeQuery()) {
                assertThat(stored.next()).isTrue();
                payload = new String(stored.getBytes(1), StandardCharsets.UTF_8);
            }
            update.setBytes(1, payload.replace("\"sam\"", "\"mallory\"").getBytes(StandardCharsets.UTF_8));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        String csv = export(AUDREY, "?from=" + minute(72 * 60), 200).getContentAsString(StandardCharsets.UTF_8);
        IncidentResult result = verify(csv).get("EX-4");

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(1);
        assertThat(lineStartingWith(csv, "EX-4,1,")).contains("mallory");
    }

    private MockHttpServletResponse export(ApiUser user, String query, int expectedStatus) throws Exception {
        MockHttpServletResponse response = perform(user, get(URI.create("/api/exports/events.csv" + query)))
                .getResponse();
        assertThat(response.getStatus()).as("status of the export %s as %s: %s", query, user.name(),
                response.getContentAsString()).isEqualTo(expectedStatus);
        return response;
    }

    private static List<List<String>> records(String csv) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(csv));
        List<List<String>> rows = new ArrayList<>();
        List<String> row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Map<String, String>> byKey(MockHttpServletResponse response) throws Exception {
        List<List<String>> rows = records(response.getContentAsString(StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        Map<String, Map<String, String>> byKey = new java.util.LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> named = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                named.put(header.get(i), row.get(i));
            }
            byKey.put(row.get(0) + "/" + row.get(1), named);
        }
        return byKey;
    }

    private static List<String> incidentsOf(MockHttpServletResponse response) throws Exception {
        List<List<String>> rows = records(response.getContentAsString(StandardCharsets.UTF_8));
        return rows.subList(1, rows.size()).stream().map(row -> row.get(0)).distinct().toList();
    }

    private static Map<String, IncidentResult> verify(String csv) throws IOException {
        return ExportVerifier.verify(new StringReader(csv)).stream()
                .collect(Collectors.toMap(IncidentResult::incidentId, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private static String lineStartingWith(String csv, String prefix) {
        return csv.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with " + prefix + " in\n" + csv));
    }

    /** Returns the 1-based physical line number of the line that starts with the prefix. */
    private static int lineNumberOf(String csv, String prefix) {
        List<String> lines = csv.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }
}
