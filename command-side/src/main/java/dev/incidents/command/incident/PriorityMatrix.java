package dev.incidents.command.incident;

import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.Urgency;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The 3x3 table that derives an incident's priority from its impact and urgency. The default is the common ITIL
 * matrix, in which the priority number is the sum of the impact and urgency levels minus one.
 */
public final class PriorityMatrix {

    /** Order of the columns in a configured row: one priority per urgency. */
    static final List<Urgency> COLUMNS = List.of(Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW);

    public static final PriorityMatrix ITIL = itil();

    private final Map<Impact, Map<Urgency, Priority>> table;

    private PriorityMatrix(Map<Impact, Map<Urgency, Priority>> table) {
        this.table = table;
    }

    public Priority of(Impact impact, Urgency urgency) {
        return table.get(impact).get(urgency);
    }

    /**
     * Reads a configured matrix: one row per impact (HIGH, MEDIUM, LOW), each with three priorities for the
     * urgencies HIGH, MEDIUM and LOW in that order. A priority is written {@code P1} to {@code P5} or as the enum
     * name, such as {@code P2_HIGH}.
     *
     * @throws IllegalArgumentException naming the row and value when the table is incomplete or a value is unknown
     */
    public static PriorityMatrix parse(Map<String, List<String>> rows) {
        if (rows == null || rows.isEmpty()) {
            return ITIL;
        }
        Map<Impact, Map<Urgency, Priority>> table = new EnumMap<>(Impact.class);
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            Impact impact = impactOf(row.getKey());
            List<String> cells = row.getValue();
            if (cells == null || cells.size() != COLUMNS.size()) {
                throw invalid("row " + impact + " has " + (cells == null ? 0 : cells.size())
                        + " values; give three priorities, for urgency HIGH, MEDIUM and LOW in that order");
            }
            Map<Urgency, Priority> columns = new EnumMap<>(Urgency.class);
            for (int i = 0; i < COLUMNS.size(); i++) {
                columns.put(COLUMNS.get(i), priorityOf(impact, COLUMNS.get(i), cells.get(i)));
            }
            table.put(impact, columns);
        }
        if (table.size() != Impact.values().length) {
            List<Impact> missing = Arrays.stream(Impact.values()).filter(impact -> !table.containsKey(impact)).toList();
            throw invalid("rows " + missing + " are missing; give one row for each impact HIGH, MEDIUM and LOW");
        }
        return new PriorityMatrix(table);
    }

    @Override
    public String toString() {
        return table.entrySet().stream()
                .map(row -> row.getKey() + "=" + COLUMNS.stream().map(urgency -> "P" + row.getValue().get(urgency)
                        .number()).toList())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Impact impactOf(String name) {
        try {
            return Impact.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("row '" + name + "' is not an impact; name the rows HIGH, MEDIUM and LOW");
        }
    }

    private static Priority priorityOf(Impact impact, Urgency urgency, String value) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Priority priority : Priority.values()) {
            if (text.equals(priority.name()) || text.equals("P" + priority.number())) {
                return priority;
            }
        }
        throw invalid("impact " + impact + ", urgency " + urgency + " has the value '" + value
                + "', which is not a priority; use P1 to P5");
    }

    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException("Invalid incidents.priority.matrix: " + detail + ".");
    }

    private static PriorityMatrix itil() {
        Map<Impact, Map<Urgency, Priority>> table = new EnumMap<>(Impact.class);
        for (Impact impact : Impact.values()) {
            Map<Urgency, Priority> columns = new EnumMap<>(Urgency.class);
            for (Urgency urgency : Urgency.values()) {
                columns.put(urgency, Priority.of(impact, urgency));
            }
            table.put(impact, columns);
        }
        return new PriorityMatrix(table);
    }
}
