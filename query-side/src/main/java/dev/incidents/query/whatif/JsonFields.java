package dev.incidents.query.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.api.incident.Priority;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/** Reads single values of a what-if request's JSON tree, raising {@link InvalidWhatIfRequestException}. */
final class JsonFields {

    private JsonFields() {
    }

    static String readText(String field, JsonNode node) {
        String text = readString(field, node);
        if (text.isBlank()) {
            throw new InvalidWhatIfRequestException(field, text, "is blank; give a value");
        }
        return text;
    }

    static String readString(String field, JsonNode node) {
        if (node == null) {
            throw new InvalidWhatIfRequestException(field, null, "give it as a JSON string");
        }
        if (!node.isTextual()) {
            throw new InvalidWhatIfRequestException(field, text(node), "is not a JSON string");
        }
        return node.textValue();
    }

    static void requireObject(String field, JsonNode node) {
        if (node == null) {
            throw new InvalidWhatIfRequestException(field, null, "give it as a JSON object");
        }
        if (!node.isObject()) {
            throw new InvalidWhatIfRequestException(field, text(node), "is not a JSON object");
        }
    }

    static void rejectUnknownFields(String prefix, JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidWhatIfRequestException(prefix + name, text(node.get(name)), "is not a known field;"
                        + " allowed here are " + allowed.stream().sorted().toList());
            }
        }
    }

    /** Parses a priority by its name, such as {@code P3_MODERATE}, or by its short form, such as {@code P3}. */
    static Priority parsePriority(String field, String name) {
        for (Priority priority : Priority.values()) {
            if (priority.name().equals(name) || ("P" + priority.number()).equals(name)) {
                return priority;
            }
        }
        throw new InvalidWhatIfRequestException(field, name, "is not a priority; use P1 to P5 or one of "
                + Arrays.toString(Priority.values()));
    }

    /** Returns the JSON text of a value, or null for a missing one. */
    static String text(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.toString();
    }
}
