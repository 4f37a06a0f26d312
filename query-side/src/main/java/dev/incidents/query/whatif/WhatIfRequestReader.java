package dev.incidents.query.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.query.whatif.WhatIfRequest.CalendarChoice;
import dev.incidents.query.whatif.WhatIfRequest.CalendarReference;
import dev.incidents.query.whatif.WhatIfRequest.IncidentFilters;
import dev.incidents.query.whatif.WhatIfRequest.IncidentIds;
import dev.incidents.query.whatif.WhatIfRequest.IncidentSelection;
import dev.incidents.query.whatif.WhatIfRequest.InlineCalendar;
import dev.incidents.query.whatif.WhatIfRequest.InlinePolicy;
import dev.incidents.query.whatif.WhatIfRequest.PolicyChoice;
import dev.incidents.query.whatif.WhatIfRequest.PolicyReference;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON body of a what-if request, rejecting unknown and repeated fields, wrong types and invalid values
 * with an {@link InvalidWhatIfRequestException} that names the field by its JSON path.
 */
final class WhatIfRequestReader {

    private static final Set<String> FIELDS = Set.of("incidentIds", "from", "to", "group", "priority", "category",
            "policy", "calendar");
    private static final Set<String> FILTERS = Set.of("from", "to", "group", "priority", "category");
    private static final Set<String> REFERENCE_FIELDS = Set.of("id", "version");
    private static final Set<String> INLINE_POLICY_FIELDS = Set.of("targets", "warningThreshold");
    private static final Set<String> TARGET_FIELDS = Set.of("response", "resolution", "supportGroupResponse");
    private static final Set<String> INLINE_CALENDAR_FIELDS = Set.of("zone", "openingHours", "holidays");
    private static final int MAX_ID_LENGTH = 100;

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WhatIfRequestReader() {
    }

    static WhatIfRequest read(byte[] body) {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidWhatIfRequestException.unreadableBody(e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a what-if request body held in memory", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidWhatIfRequestException("body", null, "send a JSON object with the incidents and the"
                    + " policy to judge them by");
        }
        requireObject("body", root);
        rejectUnknownFields("", root, FIELDS);

        IncidentSelection incidents = readSelection(root);
        PolicyChoice policy = readPolicy(root.get("policy"));
        CalendarChoice calendar = root.has("calendar") ? readCalendar(root.get("calendar")) : null;
        return new WhatIfRequest(incidents, policy, calendar);
    }

    private static IncidentSelection readSelection(JsonNode root) {
        boolean filtered = FILTERS.stream().anyMatch(root::has);
        if (root.has("incidentIds")) {
            if (filtered) {
                String filter = FILTERS.stream().filter(root::has).sorted().findFirst().orElseThrow();
                throw new InvalidWhatIfRequestException(filter, text(root.get(filter)),
                        "cannot be combined with incidentIds; name the incidents or filter them, not both");
            }
            return new IncidentIds(readIds(root.get("incidentIds")));
        }
        if (!filtered) {
            throw new InvalidWhatIfRequestException("incidentIds", null, "name the incidents in incidentIds, or"
                    + " select them with from, to, group, priority and category");
        }

        Instant from = root.has("from") ? readInstant("from", root.get("from")) : null;
        Instant to = root.has("to") ? readInstant("to", root.get("to")) : null;
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidWhatIfRequestException("to", to.toString(), "is not after from " + from
                    + "; the period is half-open, [from, to)");
        }
        String group = root.has("group") ? readGroup(root.get("group")) : null;
        Priority priority = root.has("priority") ? readPriority("priority", root.get("priority")) : null;
        String category = root.has("category") ? readText("category", root.get("category")) : null;
        return new IncidentFilters(from, to, group, priority, category);
    }

    private static List<String> readIds(JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidWhatIfRequestException("incidentIds", text(node), "is not a JSON array; give an array"
                    + " of incident ids, such as [\"INC-1\"]");
        }
        if (node.isEmpty()) {
            throw new InvalidWhatIfRequestException("incidentIds", "[]", "is empty; name at least one incident");
        }
        if (node.size() > WhatIfRequest.MAX_INCIDENTS) {
            throw new InvalidWhatIfRequestException("incidentIds", node.size() + " ids", "are too many; name at"
                    + " most " + WhatIfRequest.MAX_INCIDENTS + " incidents per request");
        }

        // Repeated ids count once, in the order of their first appearance.
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "incidentIds[" + i + "]";
            String id = readString(field, node.get(i));
            try {
                ids.add(new IncidentId(id).value());
            } catch (IllegalArgumentException e) {
                throw new InvalidWhatIfRequestException(field, id, "is not a valid incident id: " + e.getMessage());
            }
        }
        return new ArrayList<>(ids);
    }

    private static PolicyChoice readPolicy(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidWhatIfRequestException("policy", null, "give a published policy as {\"id\":"
                    + "\"standard\",\"version\":2}, or inline targets as {\"targets\":{...}}");
        }
        requireObject("policy", node);
        if (node.has("targets")) {
            rejectUnknownFields("policy.", node, INLINE_POLICY_FIELDS);
            return readInlinePolicy(node);
        }
        rejectUnknownFields("policy.", node, REFERENCE_FIELDS);
        return new PolicyReference(readReferenceId("policy.id", node.get("id")),
                readVersion("policy.version", node.get("version")));
    }

    private static InlinePolicy readInlinePolicy(JsonNode node) {
        JsonNode targetsNode = node.get("targets");
        requireObject("policy.targets", targetsNode);

        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        Iterator<Map.Entry<String, JsonNode>> entries = targetsNode.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Priority priority = parsePriority("policy.targets", entry.getKey());
            String field = "policy.targets." + entry.getKey();
            if (targets.containsKey(priority)) {
                throw new InvalidWhatIfRequestException(field, entry.getKey(), "names " + priority
                        + " a second time; give each priority once");
            }
            targets.put(priority, readTargets(field, entry.getValue()));
        }
        for (Priority priority : Priority.values()) {
            if (!targets.containsKey(priority)) {
                throw new InvalidWhatIfRequestException("policy.targets." + priority, null, "give response and"
                        + " resolution targets for each of " + Arrays.toString(Priority.values()));
            }
        }

        double threshold = ServiceLevelPolicy.DEFAULT_WARNING_THRESHOLD;
        JsonNode thresholdNode = node.get("warningThreshold");
        if (thresholdNode != null) {
            if (!thresholdNode.isNumber()) {
                throw new InvalidWhatIfRequestException("policy.warningThreshold", text(thresholdNode),
                        "is not a number; use a fraction above 0 and at most 1, such as 0.75");
            }
            threshold = thresholdNode.doubleValue();
            if (!(threshold > 0 && threshold <= 1)) {
                throw new InvalidWhatIfRequestException("policy.warningThreshold", text(thresholdNode),
                        "is out of range; use a fraction above 0 and at most 1, such as 0.75");
            }
        }
        return new InlinePolicy(targets, threshold);
    }

    private static ServiceLevelTargets readTargets(String field, JsonNode node) {
        requireObject(field, node);
        rejectUnknownFields(field + ".", node, TARGET_FIELDS);
        Duration response = readDuration(field + ".response", node.get("response"));
        Duration resolution = readDuration(field + ".resolution", node.get("resolution"));
        Duration groupResponse = node.has("supportGroupResponse")
                ? readDuration(field + ".supportGroupResponse", node.get("supportGroupResponse"))
                : null;
        return new ServiceLevelTargets(response, resolution, groupResponse);
    }

    private static CalendarChoice readCalendar(JsonNode node) {
        if (node.isNull()) {
            throw new InvalidWhatIfRequestException("calendar", "null", "is not a calendar; leave calendar out to"
                    + " use the one the policy names");
        }
        requireObject("calendar", node);
        if (node.has("zone") || node.has("openingHours") || node.has("holidays")) {
            rejectUnknownFields("calendar.", node, INLINE_CALENDAR_FIELDS);
            return new InlineCalendar(readInlineCalendar(node));
        }
        rejectUnknownFields("calendar.", node, REFERENCE_FIELDS);
        return new CalendarReference(readReferenceId("calendar.id", node.get("id")),
                readVersion("calendar.version", node.get("version")));
    }

    private static BusinessCalendar readInlineCalendar(JsonNode node) {
        String zone = readString("calendar.zone", node.get("zone"));

        JsonNode hoursNode = node.get("openingHours");
        requireObject("calendar.openingHours", hoursNode);
        Map<DayOfWeek, List<OpeningInterval>> openingHours = new EnumMap<>(DayOfWeek.class);
        Iterator<Map.Entry<String, JsonNode>> days = hoursNode.fields();
        while (days.hasNext()) {
            Map.Entry<String, JsonNode> day = days.next();
            String field = "calendar.openingHours." + day.getKey();
            openingHours.put(parseDay(field, day.getKey()), readIntervals(field, day.getValue()));
        }
        if (openingHours.values().stream().allMatch(List::isEmpty)) {
            throw new InvalidWhatIfRequestException("calendar.openingHours", text(hoursNode), "has no opening"
                    + " interval; give at least one, such as {\"MONDAY\":[\"09:00-17:00\"]}");
        }

        List<String> holidays = new ArrayList<>();
        JsonNode holidaysNode = node.get("holidays");
        if (holidaysNode != null) {
            if (!holidaysNode.isArray()) {
                throw new InvalidWhatIfRequestException("calendar.holidays", text(holidaysNode), "is not a JSON"
                        + " array; give ISO dates such as [\"2025-12-25\"]");
            }
            for (int i = 0; i < holidaysNode.size(); i++) {
                holidays.add(readString("calendar.holidays[" + i + "]", holidaysNode.get(i)));
            }
        }

        try {
            return BusinessCalendar.of(zone, openingHours, holidays);
        } catch (IllegalArgumentException e) {
            throw new InvalidWhatIfRequestException("calendar", text(node), "is not a valid calendar: "
                    + e.getMessage());
        }
    }

    private static List<OpeningInterval> readIntervals(String field, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidWhatIfRequestException(field, text(node), "is not a JSON array; give intervals such"
                    + " as [\"09:00-17:00\"]");
        }
        List<OpeningInterval> intervals = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String intervalField = field + "[" + i + "]";
            String interval = readString(intervalField, node.get(i));
            try {
                intervals.add(OpeningInterval.parse(interval));
            } catch (IllegalArgumentException e) {
                throw new InvalidWhatIfRequestException(intervalField, interval, "is not an opening interval: "
                        + e.getMessage());
            }
        }
        return intervals;
    }

    private static DayOfWeek parseDay(String field, String name) {
        try {
            return DayOfWeek.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidWhatIfRequestException(field, name, "is not a day of the week; use one of "
                    + Arrays.toString(DayOfWeek.values()));
        }
    }

    private static Priority readPriority(String field, JsonNode node) {
        return parsePriority(field, readString(field, node));
    }

    /** Parses a priority by its name, such as {@code P3_MODERATE}, or by its short form, such as {@code P3}. */
    private static Priority parsePriority(String field, String name) {
        for (Priority priority : Priority.values()) {
            if (priority.name().equals(name) || ("P" + priority.number()).equals(name)) {
                return priority;
            }
        }
        throw new InvalidWhatIfRequestException(field, name, "is not a priority; use P1 to P5 or one of "
                + Arrays.toString(Priority.values()));
    }

    private static Duration readDuration(String field, JsonNode node) {
        if (node == null) {
            throw new InvalidWhatIfRequestException(field, null, "give an ISO duration such as PT4H");
        }
        String text = readString(field, node);
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidWhatIfRequestException(field, text, "is not an ISO duration; use one such as PT30M,"
                    + " PT4H or P1DT2H");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new InvalidWhatIfRequestException(field, text, "is not positive; a target is a positive amount"
                    + " of business time, such as PT4H");
        }
        return duration;
    }

    private static Instant readInstant(String field, JsonNode node) {
        String text = readString(field, node);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidWhatIfRequestException(field, text, "is not an ISO instant; use one such as"
                    + " 2025-03-01T00:00:00Z");
        }
    }

    private static String readGroup(JsonNode node) {
        String group = readString("group", node);
        try {
            return new SupportGroupId(group).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidWhatIfRequestException("group", group, "is not a valid support group id: "
                    + e.getMessage());
        }
    }

    private static String readReferenceId(String field, JsonNode node) {
        if (node == null) {
            throw new InvalidWhatIfRequestException(field, null, "give the id of a published version");
        }
        String id = readText(field, node);
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidWhatIfRequestException(field, id, "is " + id.length() + " characters long; ids have"
                    + " at most " + MAX_ID_LENGTH);
        }
        return id;
    }

    /** Reads an optional version number from 1; a missing version means the latest. */
    private static Integer readVersion(String field, JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new InvalidWhatIfRequestException(field, text(node), "is not a version; use a whole number from"
                    + " 1, or leave version out for the latest");
        }
        return node.intValue();
    }

    private static String readText(String field, JsonNode node) {
        String text = readString(field, node);
        if (text.isBlank()) {
            throw new InvalidWhatIfRequestException(field, text, "is blank; give a value");
        }
        return text;
    }

    private static String readString(String field, JsonNode node) {
        if (node == null) {
            throw new InvalidWhatIfRequestException(field, null, "give it as a JSON string");
        }
        if (!node.isTextual()) {
            throw new InvalidWhatIfRequestException(field, text(node), "is not a JSON string");
        }
        return node.textValue();
    }

    private static void requireObject(String field, JsonNode node) {
        if (node == null) {
            throw new InvalidWhatIfRequestException(field, null, "give it as a JSON object");
        }
        if (!node.isObject()) {
            throw new InvalidWhatIfRequestException(field, text(node), "is not a JSON object");
        }
    }

    private static void rejectUnknownFields(String prefix, JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidWhatIfRequestException(prefix + name, text(node.get(name)), "is not a known field;"
                        + " allowed here are " + allowed.stream().sorted().toList());
            }
        }
    }

    /** Returns the JSON text of a value, or null for a missing one. */
    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.toString();
    }
}
