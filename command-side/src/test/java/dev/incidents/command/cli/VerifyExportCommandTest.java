package dev.incidents.command.cli;

import dev.incidents.api.audit.EventHashChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code IncidentsCli verify-export} on CSV files laid out as GET /api/exports/events.csv writes them. */
class VerifyExportCommandTest {

    private static final String HEADER = "incidentId,sequenceNumber,eventType,occurredAt,recordedAt,actorUser,"
            + "actorRole,actorGroup,state,priority,ownerGroup,assignedGroup,assignee,payload,previousHash,hash";

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @TempDir
    Path tempDir;

    @Test
    void validExportPasses() throws Exception {
        Path file = write(exportOf("VX-1", 3) + exportOf("VX-2", 2));

        int status = run(file);

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(IncidentsCli.OK);
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("valid    VX-1 (3 rows)", "valid    VX-2 (2 rows)", "2 valid, 0 invalid");
    }

    @Test
    void editedCellNamesItsLine() throws Exception {
        String csv = exportOf("VX-1", 3) + exportOf("VX-2", 2);
        // Line 1 is the header, so the row of VX-1 at sequence 2 is line 4.
        String edited = csv.replace("step 2", "step 9");

        int status = run(write(edited));

        String output = stdout.toString(StandardCharsets.UTF_8);
        assertThat(edited).isNotEqualTo(csv);
        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(output).contains("INVALID  VX-1 (3 rows): first broken row on line 4, sequence number 2");
        assertThat(output).contains("valid    VX-2 (2 rows)", "1 valid, 1 invalid");
    }

    @Test
    void deletedRowIsNamed() throws Exception {
        List<String> rows = exportOf("VX-1", 3).lines().toList();
        String withoutSecondRow = rows.get(0) + "\r\n" + rows.get(2) + "\r\n";

        int status = run(write(withoutSecondRow));

        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("first broken row on line 3, sequence number 2: sequence number 2 where 1 was expected");
    }

    @Test
    void fileWithoutHashColumnsIsRejected() throws Exception {
        Path file = tempDir.resolve("other.csv");
        Files.writeString(file, "incidentId,sequenceNumber\r\nVX-1,0\r\n");

        int status = run(file);

        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("lacks the columns", "payload", "hash");
    }

    @Test
    void missingFileIsReported() {
        int status = run(tempDir.resolve("absent.csv"));

        assertThat(status).isEqualTo(IncidentsCli.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("absent.csv", "does not exist");
    }

    private int run(Path file) {
        IncidentsCli cli = new IncidentsCli(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), Map.of());
        try {
            return cli.run(new String[] {"verify-export", "--file", file.toString()});
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(String rows) throws Exception {
        Path file = tempDir.resolve("events.csv");
        Files.writeString(file, HEADER + "\r\n" + rows, StandardCharsets.UTF_8);
        return file;
    }

    /** Builds the rows of an incident with the given number of events, hashed as the server hashes them. */
    private static String exportOf(String incidentId, int events) {
        StringBuilder rows = new StringBuilder();
        String previous = EventHashChain.GENESIS_HASH;
        for (int sequence = 0; sequence < events; sequence++) {
            Instant occurredAt = Instant.parse("2024-03-01T08:00:00Z").plusSeconds(60L * sequence);
            String payload = "{\"actor\":{\"group\":\"NETWORK\",\"role\":null,\"user\":\"sam\"},\"note\":\"step "
                    + sequence + "\",\"occurredAt\":\"" + occurredAt + "\"}";
            EventHashChain.Entry entry = new EventHashChain.Entry(incidentId, sequence, "WorkNoteAdded", occurredAt,
                    occurredAt.plusSeconds(1), payload);
            String hash = EventHashChain.hash(previous, entry);
            rows.append(String.join(",", incidentId, Integer.toString(sequence), "WorkNoteAdded",
                    occurredAt.toString(), occurredAt.plusSeconds(1).toString(), "sam", "", "NETWORK", "ASSIGNED",
                    "P3", "SERVICE-DESK", "NETWORK", "sam", "\"" + payload.replace("\"", "\"\"") + "\"", previous,
                    hash)).append("\r\n");
            previous = hash;
        }
        return rows.toString();
    }
}
