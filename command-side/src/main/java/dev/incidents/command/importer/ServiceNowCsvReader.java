package dev.incidents.command.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipException;

/**
 * Streams a ServiceNow incident event log: CSV (plain or gzip-compressed) with a header row, one row per update of
 * an incident. Columns are found by their header name, so their order does not matter and extra columns are
 * ignored. {@code ?} stands for an empty value. Rows of one {@code number} are grouped while they are consecutive,
 * so one incident is in memory at a time.
 */
final class ServiceNowCsvReader {

    static final String EMPTY = "?";

    /** Columns the import reads; a file without one of them is rejected before any row is imported. */
    static final List<String> COLUMNS = List.of("number", "incident_state", "reassignment_count", "reopen_count",
            "sys_mod_count", "caller_id", "opened_by", "opened_at", "sys_updated_by", "sys_updated_at", "category", "impact",
            "urgency", "assignment_group", "assigned_to", "closed_code", "resolved_by", "resolved_at");

    /** Day and month without leading zeros, as the source writes them: {@code 29/2/2016 01:16}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d/M/uuuu H:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;

    /** @param zone the time zone of the source system, in which the log's local times are read */
    ServiceNowCsvReader(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone is missing");
    }

    /** Calls {@code consumer} with each incident's rows, in file order. */
    void readIncidents(Path file, Consumer<ServiceNowIncident> consumer) throws IOException {
        try (InputStream input = LogFiles.open(file); MappingIterator<String[]> records = open(input)) {
            Header columns = readHeader(records);
            Set<String> seen = new HashSet<>();
            String number = null;
            List<ServiceNowRow> rows = new ArrayList<>();
            boolean repeated = false;

            while (records.hasNextValue()) {
                String[] fields = records.nextValue();
                String rowNumber = field(fields, columns, "number");
                if (!rows.isEmpty() && !Objects.equals(rowNumber, number)) {
                    deliver(consumer, new ServiceNowIncident(number, List.copyOf(rows), repeated));
                    rows.clear();
                }
                if (rows.isEmpty()) {
                    number = rowNumber;
                    repeated = !seen.add(String.valueOf(rowNumber));
                }
                rows.add(toRow(rows.size(), fields, columns));
            }
            if (!rows.isEmpty()) {
                deliver(consumer, new ServiceNowIncident(number, List.copyOf(rows), repeated));
            }
        } catch (ConsumerFailure e) {
            throw e.getCause();
        } catch (RuntimeException | JsonProcessingException | EOFException | ZipException e) {
            throw new IOException("The uploaded file is not a readable CSV log: " + LogFiles.describeFailure(e) + ".",
                    e);
        }
    }

    /** Passes an incident on, marking what the consumer throws so that it is not taken for a fault of the file. */
    private static void deliver(Consumer<ServiceNowIncident> consumer, ServiceNowIncident incident) {
        try {
            consumer.accept(incident);
        } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
        }
    }

    /** A failure of the consumer of the incidents, not of the file. */
    private static final class ConsumerFailure extends RuntimeException {

        ConsumerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /** Counts the rows after the header without keeping them, for progress figures. */
    static long countRecords(Path file) throws IOException {
        long count = 0;
        try (InputStream input = LogFiles.open(file); MappingIterator<String[]> records = open(input)) {
            readHeader(records);
            while (records.hasNextValue()) {
                records.nextValue();
                count++;
            }
        } catch (RuntimeException | JsonProcessingException | EOFException | ZipException e) {
            throw new IOException("The uploaded file is not a readable CSV log: " + LogFiles.describeFailure(e) + ".",
                    e);
        }
        return count;
    }

    private static MappingIterator<String[]> open(InputStream input) throws IOException {
        CsvMapper mapper = CsvMapper.builder()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .build();
        Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8);
        return mapper.readerFor(String[].class).readValues(reader);
    }

    private static Header readHeader(MappingIterator<String[]> records) throws IOException {
        if (!records.hasNextValue()) {
            throw new IOException("The uploaded file is empty: a ServiceNow log starts with a header"
                    + " row that names the columns " + String.join(", ", COLUMNS));
        }
        String[] header = records.nextValue();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            // A byte order mark would otherwise become part of the first column's name.
            String name = i == 0 ? header[i].replace("\uFEFF", "") : header[i];
            columns.putIfAbsent(name.strip(), i);
        }

        List<String> missing = COLUMNS.stream().filter(column -> !columns.containsKey(column)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("The header row of the uploaded file lacks the columns " + missing
                    + ": a ServiceNow log needs " + String.join(", ", COLUMNS) + ". Check the file, and the format"
                    + " chosen for it (format=servicenow on the upload, --format servicenow in bin/incidents replay).");
        }
        return new Header(columns, header.length);
    }

    private ServiceNowRow toRow(int index, String[] fields, Header columns) {
        List<String> problems = new ArrayList<>();
        if (fields.length != columns.width()) {
            problems.add("the row has " + fields.length + " fields where the header row has " + columns.width());
        }
        String state = field(fields, columns, "incident_state");
        if (state == null) {
            problems.add("missing incident_state");
        }
        Instant updatedAt = time(fields, columns, "sys_updated_at", true, problems);
        Instant openedAt = time(fields, columns, "opened_at", true, problems);
        Instant resolvedAt = time(fields, columns, "resolved_at", false, problems);
        int reassignments = count(fields, columns, "reassignment_count", problems);
        int reopens = count(fields, columns, "reopen_count", problems);
        int modCount = count(fields, columns, "sys_mod_count", problems);

        return new ServiceNowRow(index, state, reassignments, reopens, modCount,
                field(fields, columns, "caller_id"), field(fields, columns, "opened_by"), openedAt,
                field(fields, columns, "sys_updated_by"), updatedAt,
                field(fields, columns, "category"),
                field(fields, columns, "impact"),
                field(fields, columns, "urgency"),
                field(fields, columns, "assignment_group"),
                field(fields, columns, "assigned_to"),
                field(fields, columns, "closed_code"),
                field(fields, columns, "resolved_by"),
                resolvedAt,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** Returns the stripped value of a column, or null for a missing, blank or {@code ?} value. */
    private static String field(String[] fields, Header columns, String column) {
        int index = columns.indexes().get(column);
        if (index >= fields.length) {
            return null;
        }
        String value = fields[index].strip();
        return value.isEmpty() || EMPTY.equals(value) ? null : value;
    }

    private Instant time(String[] fields, Header columns, String column, boolean required,
                         List<String> problems) {
        String value = field(fields, columns, column);
        if (value == null) {
            if (required) {
                problems.add("missing " + column);
            }
            return null;
        }
        try {
            // In a gap of a daylight saving change, atZone moves the time forward by the gap's length; in an
            // overlap it takes the earlier offset.
            return LocalDateTime.parse(value, TIME).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            problems.add("invalid " + column + " '" + value + "': expected d/M/yyyy HH:mm");
            return null;
        }
    }

    private static int count(String[] fields, Header columns, String column, List<String> problems) {
        String value = field(fields, columns, column);
        try {
            int count = Integer.parseInt(Objects.requireNonNullElse(value, ""));
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the value.
        }
        problems.add("invalid " + column + " '" + value + "': expected a whole number of 0 or more");
        return -1;
    }

    /** Position of each column by its name, and the number of columns of the header row. */
    private record Header(Map<String, Integer> indexes, int width) {
    }
}
