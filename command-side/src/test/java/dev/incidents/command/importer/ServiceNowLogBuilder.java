package dev.incidents.command.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small ServiceNow incident logs in the source's CSV layout. Each row starts from plain defaults (an
 * incident of Group 1 with medium impact and urgency); a test names only the columns that matter to it.
 */
final class ServiceNowLogBuilder {

    static final List<String> HEADER = List.of("number", "incident_state", "active", "reassignment_count",
            "reopen_count", "sys_mod_count", "made_sla", "caller_id", "opened_by", "opened_at", "sys_updated_by",
            "sys_updated_at", "category", "impact", "urgency", "priority", "assignment_group", "assigned_to",
            "closed_code", "resolved_by", "resolved_at", "closed_at");

    private final List<Map<String, String>> rows = new ArrayList<>();

    /**
     * Adds a row of incident {@code number} after update {@code modCount}; {@code columns} are further
     * {@code name=value} pairs that replace the defaults.
     */
    ServiceNowLogBuilder row(String number, int modCount, String state, String group, String updatedAt,
                             String... columns) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("number", number);
        row.put("incident_state", state);
        row.put("active", "true");
        row.put("reassignment_count", "0");
        row.put("reopen_count", "0");
        row.put("sys_mod_count", Integer.toString(modCount));
        row.put("made_sla", "true");
        row.put("caller_id", "Caller 1");
        row.put("opened_by", "Opened by 1");
        row.put("opened_at", "1/3/2016 08:00");
        row.put("sys_updated_by", "Updated by 1");
        row.put("sys_updated_at", updatedAt);
        row.put("category", "Category 1");
        row.put("impact", "2 - Medium");
        row.put("urgency", "2 - Medium");
        row.put("priority", "3 - Moderate");
        row.put("assignment_group", group);
        row.put("assigned_to", "?");
        row.put("closed_code", "code 1");
        row.put("resolved_by", "Resolved by 1");
        row.put("resolved_at", "?");
        row.put("closed_at", "?");
        for (String column : columns) {
            int separator = column.indexOf('=');
            String name = column.substring(0, separator);
            if (!row.containsKey(name)) {
                throw new IllegalArgumentException("no column " + name);
            }
            row.put(name, column.substring(separator + 1));
        }
        rows.add(row);
        return this;
    }

    /** Returns the log as CSV text; fields with a comma or a quote are quoted. */
    String csv() {
        StringBuilder text = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> fields = new ArrayList<>();
            for (String column : HEADER) {
                fields.add(quote(row.get(column)));
            }
            text.append(String.join(",", fields)).append('\n');
        }
        return text.toString();
    }

    Path writeTo(Path folder) throws IOException {
        return Files.writeString(folder.resolve("incidents-" + System.nanoTime() + ".csv"), csv());
    }

    Path writeGzipTo(Path folder) throws IOException {
        Path file = folder.resolve("incidents-" + System.nanoTime() + ".csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(csv().getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
