package dev.incidents.query.whatif;

import static dev.incidents.query.whatif.JsonFields.parsePriority;
import static dev.incidents.query.whatif.JsonFields.readString;
import static dev.incidents.query.whatif.JsonFields.readText;
import static dev.incidents.query.whatif.JsonFields.rejectUnknownFields;
import static dev.incidents.query.whatif.JsonFields.requireObject;
import static dev.incidents.query.whatif.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.OpeningInterval;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.query.whatif.WhatIfRequest.CalendarChoice;
import dev.incidents.query.whatif.WhatIfRequest.CalendarReference;
import dev.incidents.query.whatif.WhatIfRequest.InlineCalendar;
import dev.incidents.query.whatif.WhatIfRequest.InlinePolicy;
import dev.incidents.query.whatif.WhatIfRequest.PolicyChoice;
import dev.incidents.query.whatif.WhatIfRequest.PolicyReference;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code policy} and {@code calendar} of a what-if request: each a reference to a projected version, or
 * inline targets or opening hours.
 */
final class TermsReader {

    private static final Set<String> REFERENCE_FIELDS = Set.of("id", "version");
    private static final Set<String> INLINE_POLICY_FIELDS = Set.of("targets", "warningThreshold");
    private static final Set<String> TARGET_FIELDS = Set.of("response", "resolution", "supportGroupResponse");
    private static final Set<String> INLINE_CALENDAR_FIELDS = Set.of("zone", "openingHours", "holidays");
    private static final int MAX_ID_LENGTH = 100;

    private TermsReader() {
    }

    static PolicyChoice readPolicy(JsonNode node) {
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

    static CalendarChoice readCalendar(JsonNode node) {
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
}
