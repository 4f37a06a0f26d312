package dev.incidents.query.whatif;

import static dev.incidents.query.whatif.JsonFields.parsePriority;
import static dev.incidents.query.whatif.JsonFields.readString;
import static dev.incidents.query.whatif.JsonFields.readText;
import static dev.incidents.query.whatif.JsonFields.rejectUnknownFields;
import static dev.incidents.query.whatif.JsonFields.requireObject;
import static dev.incidents.query.whatif.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.query.whatif.WhatIfRequest.CalendarChoice;
import dev.incidents.query.whatif.WhatIfRequest.IncidentFilters;
import dev.incidents.query.whatif.WhatIfRequest.IncidentIds;
import dev.incidents.query.whatif.WhatIfRequest.IncidentSelection;
import dev.incidents.query.whatif.WhatIfRequest.PolicyChoice;
import dev.incidents.query.web.InstantParameters;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON body of a what-if request, rejecting unknown and repeated fields, wrong types and invalid values
 * with an {@link InvalidWhatIfRequestException} that names the field by its JSON path. {@link TermsReader} reads
 * the policy and calendar.
 */
final class WhatIfRequestReader {

    private static final Set<String> FIELDS = Set.of("incidentIds", "from", "to", "group", "priority", "category",
            "policy", "calendar");
    private static final Set<String> FILTERS = Set.of("from", "to", "group", "priority", "category");

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
        PolicyChoice policy = TermsReader.readPolicy(root.get("policy"));
        CalendarChoice calendar = root.has("calendar") ? TermsReader.readCalendar(root.get("calendar")) : null;
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
        // The body size limit bounds the array, so the limit applies to distinct ids only.
        if (ids.size() > WhatIfRequest.MAX_INCIDENTS) {
            throw new InvalidWhatIfRequestException("incidentIds", ids.size() + " distinct ids", "are too many;"
                    + " name at most " + WhatIfRequest.MAX_INCIDENTS + " incidents per request");
        }
        return new ArrayList<>(ids);
    }

    private static Priority readPriority(String field, JsonNode node) {
        return parsePriority(field, readString(field, node));
    }

    private static Instant readInstant(String field, JsonNode node) {
        String text = readString(field, node);
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeException e) {
            throw new InvalidWhatIfRequestException(field, text, "is not an ISO instant; use one such as"
                    + " 2025-03-01T00:00:00Z");
        }
        if (instant.isBefore(InstantParameters.EARLIEST) || instant.isAfter(InstantParameters.LATEST)) {
            throw new InvalidWhatIfRequestException(field, text, "lies outside the years 0001 to 9999; use an"
                    + " instant with a four-digit year such as 2025-03-01T00:00:00Z");
        }
        return instant;
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
}
