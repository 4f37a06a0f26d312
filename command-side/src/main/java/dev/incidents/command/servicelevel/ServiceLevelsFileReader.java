package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates the service levels file (YAML). Every problem is collected, so one start shows them all, and
 * each names the entry, the value and what to write instead. docs/service-levels.md describes the format.
 */
final class ServiceLevelsFileReader {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("calendars", "policies");
    private static final Set<String> CALENDAR_KEYS = Set.of("id", "zone", "openingHours", "holidays");
    private static final Set<String> POLICY_KEYS = Set.of("id", "versions");
    private static final Set<String> VERSION_KEYS = Set.of("effectiveFrom", "calendar", "supportGroupCalendars",
            "targets", "warningThreshold");
    private static final Set<String> TARGET_KEYS = Set.of("response", "resolution", "supportGroupResponse");

    ServiceLevelSeed read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidServiceLevelsFileException(file.toString(), List.of("cannot read the file: " + e
                    + ". Set incidents.service-levels.file (or INCIDENTS_SERVICE_LEVELS_FILE) to a readable file"));
        }
        return parse(file.toString(), text);
    }

    /** Parses the YAML text; {@code source} names it in error messages. */
    ServiceLevelSeed parse(String source, String text) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new InvalidServiceLevelsFileException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new InvalidServiceLevelsFileException(source,
                    List.of("the file must be a mapping with the keys 'calendars' and 'policies'"));
        }
        List<String> problems = new ArrayList<>();
        unknownKeys("the top level", root, TOP_LEVEL_KEYS, problems);

        List<ServiceLevelSeed.Calendar> calendars = readCalendars(root.get("calendars"), problems);
        Set<String> calendarIds = new HashSet<>();
        calendars.forEach(calendar -> calendarIds.add(calendar.id()));
        List<ServiceLevelSeed.Policy> policies = readPolicies(root.get("policies"), calendarIds, problems);

        if (!problems.isEmpty()) {
            throw new InvalidServiceLevelsFileException(source, problems);
        }
        return new ServiceLevelSeed(calendars, policies);
    }

    private static List<ServiceLevelSeed.Calendar> readCalendars(Object value, List<String> problems) {
        List<ServiceLevelSeed.Calendar> calendars = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Map<?, ?>> entries = entries("calendars", value, problems);
        for (int index = 0; index < entries.size(); index++) {
            Map<?, ?> entry = entries.get(index);
            String label = label("calendars", index, "calendar", entry);
            unknownKeys(label, entry, CALENDAR_KEYS, problems);
            String id = id(label, "calendar", entry.get("id"), problems);
            try {
                BusinessCalendar calendar = ServiceLevelDefinitions.calendar(text(entry.get("zone")),
                        openingHours(entry.get("openingHours")), holidays(entry.get("holidays")));
                if (id != null && !seen.add(id)) {
                    problems.add(label + ": duplicate calendar id; list each calendar once");
                } else if (id != null) {
                    calendars.add(new ServiceLevelSeed.Calendar(id, calendar));
                }
            } catch (IllegalArgumentException e) {
                problems.add(label + ": " + e.getMessage());
            }
        }
        return calendars;
    }

    private static List<ServiceLevelSeed.Policy> readPolicies(Object value, Set<String> calendarIds,
                                                              List<String> problems) {
        List<ServiceLevelSeed.Policy> policies = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Map<?, ?>> entries = entries("policies", value, problems);
        for (int index = 0; index < entries.size(); index++) {
            Map<?, ?> entry = entries.get(index);
            String label = label("policies", index, "policy", entry);
            unknownKeys(label, entry, POLICY_KEYS, problems);
            String id = id(label, "policy", entry.get("id"), problems);
            List<ServiceLevelSeed.PolicyVersion> versions = new ArrayList<>();
            List<Map<?, ?>> versionEntries = entries(label + ": versions", entry.get("versions"), problems);
            for (int number = 1; number <= versionEntries.size(); number++) {
                ServiceLevelSeed.PolicyVersion version = readVersion(label + " version " + number,
                        versionEntries.get(number - 1), calendarIds, problems);
                if (version != null) {
                    versions.add(version);
                }
            }
            if (id != null && !seen.add(id)) {
                problems.add(label + ": duplicate policy id; list each policy once, with all its versions");
            } else if (id != null && versions.size() == versionEntries.size()) {
                policies.add(new ServiceLevelSeed.Policy(id, versions));
            }
        }
        return policies;
    }

    private static ServiceLevelSeed.PolicyVersion readVersion(String label, Map<?, ?> entry, Set<String> calendarIds,
                                                              List<String> problems) {
        int before = problems.size();
        unknownKeys(label, entry, VERSION_KEYS, problems);
        Instant effectiveFrom = instant(label, entry.get("effectiveFrom"), problems);
        String calendar = calendarReference(label, "calendar", entry.get("calendar"), calendarIds, problems);
        Map<String, String> groupCalendars = new LinkedHashMap<>();
        Object groups = entry.get("supportGroupCalendars");
        if (groups instanceof Map<?, ?> map) {
            map.forEach((group, calendarId) -> groupCalendars.put(String.valueOf(group), calendarReference(label,
                    "supportGroupCalendars." + group, calendarId, calendarIds, problems)));
        } else if (groups != null) {
            problems.add(label + ": supportGroupCalendars must map support group ids to calendar ids, such as"
                    + " {APAC-NET: APAC}");
        }
        Map<Priority, ServiceLevelTargets> targets = targets(label, entry.get("targets"), problems);
        double threshold = threshold(label, entry.get("warningThreshold"), problems);

        return problems.size() == before ? new ServiceLevelSeed.PolicyVersion(effectiveFrom, calendar,
                groupCalendars, targets, threshold) : null;
    }

    private static Map<Priority, ServiceLevelTargets> targets(String label, Object value, List<String> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(label + ": targets is missing; give response and resolution for each priority P1 to P5,"
                    + " such as P1: {response: PT15M, resolution: PT4H}");
            return Map.of();
        }
        Map<String, ServiceLevelDefinitions.TargetTexts> texts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String priority = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> target)) {
                problems.add(label + ": targets." + priority + " must be a mapping such as"
                        + " {response: PT15M, resolution: PT4H}");
                continue;
            }
            unknownKeys(label + ": targets." + priority, target, TARGET_KEYS, problems);
            texts.put(priority, new ServiceLevelDefinitions.TargetTexts(text(target.get("response")),
                    text(target.get("resolution")), text(target.get("supportGroupResponse"))));
        }
        try {
            Map<Priority, ServiceLevelTargets> targets = ServiceLevelDefinitions.targets(texts);
            List<String> missing = ServiceLevelDefinitions.missingPriorities(targets);
            if (!missing.isEmpty()) {
                problems.add(label + ": targets lack " + String.join(", ", missing) + "; give response and"
                        + " resolution for every priority P1 to P5");
            }
            return targets;
        } catch (IllegalArgumentException e) {
            problems.add(label + ": " + e.getMessage());
            return Map.of();
        }
    }

    private static double threshold(String label, Object value, List<String> problems) {
        if (value == null) {
            return ServiceLevelPolicy.DEFAULT_WARNING_THRESHOLD;
        }
        if (value instanceof Number number && number.doubleValue() > 0 && number.doubleValue() <= 1) {
            return number.doubleValue();
        }
        problems.add(label + ": warningThreshold '" + value + "' is invalid; give a fraction above 0 and at most 1,"
                + " such as 0.75");
        return ServiceLevelPolicy.DEFAULT_WARNING_THRESHOLD;
    }

    private static Instant instant(String label, Object value, List<String> problems) {
        // YAML reads an unquoted timestamp as a date; a quoted one stays text.
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // Reported below.
            }
        }
        problems.add(label + ": effectiveFrom " + (value == null ? "is missing" : "'" + value + "' is invalid")
                + "; give an ISO-8601 instant such as 2025-03-10T00:00:00Z");
        return null;
    }

    private static String calendarReference(String label, String field, Object value, Set<String> calendarIds,
                                            List<String> problems) {
        String id = text(value);
        if (id == null || !calendarIds.contains(id)) {
            problems.add(label + ": " + field + (id == null ? " is missing" : " names calendar '" + id
                    + "', which the file does not list") + "; name one of the file's calendars "
                    + new TreeSet<>(calendarIds));
            return null;
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> openingHours(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("openingHours must map days to intervals, such as"
                    + " {MONDAY: [\"09:00-17:00\"]}");
        }
        Map<String, List<String>> hours = new LinkedHashMap<>();
        for (Map.Entry<?, ?> day : map.entrySet()) {
            Object intervals = day.getValue();
            if (intervals != null && !(intervals instanceof List<?>)) {
                throw new IllegalArgumentException("openingHours." + day.getKey() + " must be a list such as"
                        + " [\"09:00-17:00\"]");
            }
            List<String> texts = intervals == null ? null : ((List<Object>) intervals).stream()
                    .map(ServiceLevelsFileReader::text).toList();
            hours.put(String.valueOf(day.getKey()), texts);
        }
        return hours;
    }

    private static List<String> holidays(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("holidays must be a list of ISO dates, such as [2025-12-25]");
        }
        List<String> dates = new ArrayList<>();
        for (Object holiday : list) {
            // YAML reads an unquoted date such as 2025-12-25 as midnight UTC of that date.
            dates.add(holiday instanceof Date date ? date.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString()
                    : text(holiday));
        }
        return dates;
    }

    private static String id(String label, String kind, Object value, List<String> problems) {
        try {
            return ServiceLevelIds.require(kind, text(value));
        } catch (IllegalArgumentException e) {
            problems.add(label + ": " + e.getMessage());
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static List<Map<?, ?>> entries(String key, Object value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(key + " must be a list of entries");
            return List.of();
        }
        List<Map<?, ?>> entries = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            if (list.get(index) instanceof Map<?, ?> entry) {
                entries.add(entry);
            } else {
                problems.add(key + "[" + index + "]: must be a mapping, found '" + list.get(index) + "'");
            }
        }
        return entries;
    }

    private static String label(String key, int index, String kind, Map<?, ?> entry) {
        Object id = entry.get("id");
        return id == null ? key + "[" + index + "]" : kind + " '" + id + "'";
    }

    private static void unknownKeys(String label, Map<?, ?> entry, Set<String> known, List<String> problems) {
        for (Object key : entry.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(label + ": unknown key '" + key + "'; known keys are " + new TreeSet<>(known));
            }
        }
    }
}
