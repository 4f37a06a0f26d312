package dev.incidents.command.importer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceNowCsvReaderTest {

    @TempDir
    Path folder;

    @Test
    void readsColumnsByHeaderName() throws IOException {
        Path log = Files.writeString(folder.resolve("log.csv"), """
                extra,sys_updated_at,number,incident_state,reassignment_count,reopen_count,sys_mod_count,caller_id,\
                opened_by,opened_at,sys_updated_by,category,impact,urgency,assignment_group,assigned_to,closed_code,\
                resolved_by,resolved_at
                x,1/3/2016 09:05,INC1,Active,2,1,7,Caller 5,Opened by 3,29/2/2016 23:59,Updated by 9,Category 4,\
                1 - High,3 - Low,Group 8,Resolver 2,code 6,Resolved by 7,2/3/2016 10:00
                """);

        ServiceNowRow row = readAll(log, ZoneOffset.UTC).get(0).rows().get(0);

        assertThat(row.invalid()).isNull();
        assertThat(row.state()).isEqualTo("Active");
        assertThat(row.reassignmentCount()).isEqualTo(2);
        assertThat(row.reopenCount()).isEqualTo(1);
        assertThat(row.modCount()).isEqualTo(7);
        assertThat(row.caller()).isEqualTo("Caller 5");
        assertThat(row.openedBy()).isEqualTo("Opened by 3");
        assertThat(row.openedAt()).isEqualTo(Instant.parse("2016-02-29T23:59:00Z"));
        assertThat(row.updatedBy()).isEqualTo("Updated by 9");
        assertThat(row.updatedAt()).isEqualTo(Instant.parse("2016-03-01T09:05:00Z"));
        assertThat(row.category()).isEqualTo("Category 4");
        assertThat(row.impact()).isEqualTo("1 - High");
        assertThat(row.urgency()).isEqualTo("3 - Low");
        assertThat(row.group()).isEqualTo("Group 8");
        assertThat(row.assignee()).isEqualTo("Resolver 2");
        assertThat(row.closedCode()).isEqualTo("code 6");
        assertThat(row.resolvedBy()).isEqualTo("Resolved by 7");
        assertThat(row.resolvedAt()).isEqualTo(Instant.parse("2016-03-02T10:00:00Z"));
    }

    @Test
    void questionMarkIsEmpty() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "?", "1/3/2016 09:00", "assigned_to=?", "category=?", "resolved_by=?")
                .writeTo(folder);

        ServiceNowRow row = readAll(log, ZoneOffset.UTC).get(0).rows().get(0);

        assertThat(row.group()).isNull();
        assertThat(row.assignee()).isNull();
        assertThat(row.category()).isNull();
        assertThat(row.resolvedBy()).isNull();
        assertThat(row.resolvedAt()).isNull();
        assertThat(row.invalid()).isNull();
    }

    @Test
    void quotedFieldsKeepCommasAndQuotes() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group \"North\", 2nd line", "1/3/2016 09:00", "category=Network, WAN")
                .writeTo(folder);

        ServiceNowRow row = readAll(log, ZoneOffset.UTC).get(0).rows().get(0);

        assertThat(Files.readString(log)).contains("\"Group \"\"North\"\", 2nd line\"");
        assertThat(row.group()).isEqualTo("Group \"North\", 2nd line");
        assertThat(row.category()).isEqualTo("Network, WAN");
        assertThat(row.state()).isEqualTo("New");
    }

    @Test
    void localTimesAreReadInGivenZone() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "1/7/2016 09:00", "opened_at=29/2/2016 8:30")
                .writeTo(folder);

        ServiceNowRow row = readAll(log, ZoneId.of("Europe/Lisbon")).get(0).rows().get(0);

        assertThat(row.updatedAt()).isEqualTo(Instant.parse("2016-07-01T08:00:00Z"));
        assertThat(row.openedAt()).isEqualTo(Instant.parse("2016-02-29T08:30:00Z"));
    }

    @Test
    void gzipAndPlainFilesGiveSameRows() throws IOException {
        ServiceNowLogBuilder builder = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 1", "1/3/2016 09:10");
        // The gzip file is named .csv.gz and the plain one .csv; the reader goes by the content only.
        Path gzip = builder.writeGzipTo(folder);
        Path plain = Files.move(builder.writeTo(folder), folder.resolve("plain-named.gz"));

        assertThat(readAll(gzip, ZoneOffset.UTC)).isEqualTo(readAll(plain, ZoneOffset.UTC));
        assertThat(readAll(gzip, ZoneOffset.UTC).get(0).rows()).hasSize(2);
        assertThat(ServiceNowCsvReader.countRecords(gzip)).isEqualTo(2);
        assertThat(ServiceNowCsvReader.countRecords(plain)).isEqualTo(2);
    }

    @Test
    void consecutiveRowsFormOneIncident() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "1/3/2016 09:00")
                .row("INC1", 1, "Active", "Group 1", "1/3/2016 09:10")
                .row("INC2", 0, "New", "Group 1", "1/3/2016 09:20")
                .row("INC1", 2, "Resolved", "Group 1", "1/3/2016 09:30")
                .writeTo(folder);

        List<ServiceNowIncident> incidents = readAll(log, ZoneOffset.UTC);

        assertThat(incidents).extracting(ServiceNowIncident::number).containsExactly("INC1", "INC2", "INC1");
        assertThat(incidents).extracting(ServiceNowIncident::repeated).containsExactly(false, false, true);
        assertThat(incidents.get(0).rows()).extracting(ServiceNowRow::index).containsExactly(0, 1);
        assertThat(incidents.get(2).rows()).extracting(ServiceNowRow::index).containsExactly(0);
    }

    @Test
    void invalidValuesMakeRowInvalid() throws IOException {
        Path log = new ServiceNowLogBuilder()
                .row("INC1", 0, "New", "Group 1", "31/2/2016 09:00", "reopen_count=-1", "reassignment_count=two")
                .row("INC1", 1, "?", "Group 1", "?")
                .writeTo(folder);

        List<ServiceNowRow> rows = readAll(log, ZoneOffset.UTC).get(0).rows();

        assertThat(rows.get(0).invalid()).contains("invalid sys_updated_at '31/2/2016 09:00'");
        assertThat(rows.get(0).invalid()).contains("invalid reopen_count '-1'");
        assertThat(rows.get(0).invalid()).contains("invalid reassignment_count 'two'");
        assertThat(rows.get(1).invalid()).contains("missing incident_state");
        assertThat(rows.get(1).invalid()).contains("missing sys_updated_at");
    }

    @Test
    void rowWithMissingFieldsIsInvalid() throws IOException {
        String csv = new ServiceNowLogBuilder().row("INC1", 0, "New", "Group 1", "1/3/2016 09:00").csv();
        Path log = Files.writeString(folder.resolve("short.csv"), csv + "INC1,Active,true\n");

        ServiceNowRow row = readAll(log, ZoneOffset.UTC).get(0).rows().get(1);

        assertThat(row.invalid()).contains("the row has 3 fields where the header row has "
                + ServiceNowLogBuilder.HEADER.size());
    }

    @Test
    void missingColumnIsRejected() throws IOException {
        Path log = Files.writeString(folder.resolve("bad.csv"), "number,incident_state\nINC1,New\n");

        assertThatThrownBy(() -> readAll(log, ZoneOffset.UTC))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("lacks the columns [reassignment_count, reopen_count, sys_mod_count")
                .hasMessageContaining("the uploaded file")
                .hasMessageContaining("format=servicenow on the upload")
                .hasMessageNotContaining("bad.csv");
    }

    @Test
    void truncatedGzipGetsPlainMessage() throws IOException {
        ServiceNowLogBuilder builder = new ServiceNowLogBuilder();
        for (int update = 0; update < 200; update++) {
            builder.row("INC" + update, 0, "New", "Group " + update, "1/3/2016 09:00");
        }
        byte[] whole = Files.readAllBytes(builder.writeGzipTo(folder));
        Path cut = Files.write(folder.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

        for (ThrowingCallable read : List.<ThrowingCallable>of(() -> readAll(cut, ZoneOffset.UTC),
                () -> ServiceNowCsvReader.countRecords(cut))) {
            assertThatThrownBy(read)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the file ends before its compressed data does: the upload is truncated;"
                            + " upload the whole file")
                    .hasMessageNotContaining("ZLIB")
                    .hasMessageNotContaining("reference chain");
        }
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path log = Files.writeString(folder.resolve("empty.csv"), "");

        assertThatThrownBy(() -> readAll(log, ZoneOffset.UTC))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is empty");
    }

    private static List<ServiceNowIncident> readAll(Path log, ZoneId zone) throws IOException {
        List<ServiceNowIncident> incidents = new ArrayList<>();
        new ServiceNowCsvReader(zone).readIncidents(log, incidents::add);
        return incidents;
    }
}
