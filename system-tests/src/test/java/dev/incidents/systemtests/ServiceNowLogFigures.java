package dev.incidents.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Figures of a gzip-compressed ServiceNow incident event log without quoted fields, counted straight from the file
 * and independent of the importer: what a replay should leave in the read models. Leading rows of an incident whose
 * {@code sys_mod_count} is not below every later row's are left out of the visible changes, as the import skips
 * them.
 *
 * @param rows data rows of the file
 * @param incidents distinct incident numbers
 * @param closedIncidents incidents whose last row is Closed
 * @param sourceReassignments sum of {@code reassignment_count} over each incident's last row
 * @param sourceReopens sum of {@code reopen_count} over each incident's last row
 * @param reopenedIncidents incidents whose last row has a {@code reopen_count} above zero
 * @param groupChanges pairs of consecutive rows in order whose {@code assignment_group} differs ({@code ?} is a
 *                     value)
 * @param incidentsWithGroupChange incidents with at least one such pair
 * @param reassignmentCountsEqualToGroupChanges incidents whose last {@code reassignment_count} equals their group
 *                                              changes
 */
record ServiceNowLogFigures(
        long rows,
        long incidents,
        long closedIncidents,
        long sourceReassignments,
        long sourceReopens,
        long reopenedIncidents,
        long groupChanges,
        long incidentsWithGroupChange,
        long reassignmentCountsEqualToGroupChanges) {

    static ServiceNowLogFigures count(Path file) throws IOException {
        Map<String, List<String[]>> incidents = new LinkedHashMap<>();
        Map<String, Integer> columns = new HashMap<>();
        long rows = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().split(",", -1);
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains("\"")) {
                    throw new IOException("quoted fields are not counted here: " + line);
                }
                String[] fields = line.split(",", -1);
                incidents.computeIfAbsent(fields[columns.get("number")], number -> new ArrayList<>()).add(fields);
                rows++;
            }
        }

        long closed = 0;
        long reassignments = 0;
        long reopens = 0;
        long reopened = 0;
        long groupChanges = 0;
        long withGroupChange = 0;
        long equal = 0;
        for (List<String[]> all : incidents.values()) {
            List<String[]> inOrder = inModCountOrder(all, columns.get("sys_mod_count"));
            String[] last = all.get(all.size() - 1);
            int group = columns.get("assignment_group");
            int changes = 0;
            for (int i = 1; i < inOrder.size(); i++) {
                changes += Objects.equals(inOrder.get(i - 1)[group], inOrder.get(i)[group]) ? 0 : 1;
            }
            int reassignmentCount = Integer.parseInt(last[columns.get("reassignment_count")]);
            int reopenCount = Integer.parseInt(last[columns.get("reopen_count")]);

            closed += "Closed".equals(last[columns.get("incident_state")]) ? 1 : 0;
            reassignments += reassignmentCount;
            reopens += reopenCount;
            reopened += reopenCount > 0 ? 1 : 0;
            groupChanges += changes;
            withGroupChange += changes > 0 ? 1 : 0;
            equal += reassignmentCount == changes ? 1 : 0;
        }
        return new ServiceNowLogFigures(rows, incidents.size(), closed, reassignments, reopens, reopened,
                groupChanges, withGroupChange, equal);
    }

    private static List<String[]> inModCountOrder(List<String[]> rows, int modCount) {
        int start = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                if (Integer.parseInt(rows.get(i)[modCount]) >= Integer.parseInt(rows.get(j)[modCount])) {
                    start = i + 1;
                }
            }
        }
        return rows.subList(start, rows.size());
    }
}
