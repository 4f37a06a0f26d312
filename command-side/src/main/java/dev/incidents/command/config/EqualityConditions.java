package dev.incidents.command.config;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields that a query filter requires to equal one of a few values: top-level equality with a plain value,
 * {@code $eq} and {@code $in}, also inside a top-level {@code $and}. Every document the filter matches has one of
 * those values in each such field, so an index on the fields finds a superset of the matches. The filter itself is
 * still applied to each document found. Everything else in the filter ({@code $or}, ranges, nested documents, null)
 * is left to that filter.
 */
final class EqualityConditions {

    /** More values than this in one {@code $in} are not looked up one by one. */
    static final int MAX_VALUES = 64;

    private final Map<String, List<Object>> valuesByField = new LinkedHashMap<>();

    private EqualityConditions() {
    }

    static EqualityConditions of(Document filter) {
        EqualityConditions conditions = new EqualityConditions();
        if (filter != null) {
            conditions.collect(filter);
        }
        return conditions;
    }

    /**
     * Returns the conditions of a filter that consists of nothing else: equality with plain values, {@code $eq} and
     * {@code $in} alone, each field named once, also inside a top-level {@code $and}. A document matches such a filter
     * exactly when an equality index on its fields finds the document. Returns null for any other filter.
     */
    static EqualityConditions exactly(Document filter) {
        EqualityConditions conditions = new EqualityConditions();
        return filter != null && !filter.isEmpty() && conditions.collectExactly(filter) ? conditions : null;
    }

    /** Returns the normalised values one of which the field must hold, or null when the filter names none. */
    List<Object> valuesOf(String field) {
        return valuesByField.get(field);
    }

    boolean isEmpty() {
        return valuesByField.isEmpty();
    }

    /** Returns how many fields the conditions name. */
    int fieldCount() {
        return valuesByField.size();
    }

    private boolean collectExactly(Document filter) {
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (!(part instanceof Document document) || !collectExactly(document)) {
                        return false;
                    }
                }
                continue;
            }

            boolean singleOperator = !(value instanceof Document operators) || operators.size() == 1;
            List<Object> values = field.startsWith("$") || !singleOperator ? null : requiredValues(value);
            if (values == null || valuesByField.putIfAbsent(field, values) != null) {
                return false;
            }
        }
        return true;
    }

    private void collect(Document filter) {
        for (Map.Entry<String, Object> condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document document) {
                        collect(document);
                    }
                }
            } else if (!field.startsWith("$")) {
                List<Object> values = requiredValues(value);
                // A field named twice keeps its first condition: either one alone selects a superset.
                if (values != null) {
                    valuesByField.putIfAbsent(field, values);
                }
            }
        }
    }

    private static List<Object> requiredValues(Object value) {
        if (isPlain(value)) {
            return List.of(IndexKeyBytes.normalize(value));
        }
        if (!(value instanceof Document operators)) {
            return null;
        }
        if (isPlain(operators.get("$eq"))) {
            return List.of(IndexKeyBytes.normalize(operators.get("$eq")));
        }
        if (operators.get("$in") instanceof Collection<?> candidates
                && !candidates.isEmpty() && candidates.size() <= MAX_VALUES) {
            List<Object> values = new ArrayList<>(candidates.size());
            for (Object candidate : candidates) {
                if (!isPlain(candidate)) {
                    return null;
                }
                values.add(IndexKeyBytes.normalize(candidate));
            }
            return values;
        }
        return null;
    }

    /**
     * Returns whether the value matches exactly the documents with that value, or with an array that contains it.
     * Null, documents, arrays and regular expressions match in other ways too.
     */
    private static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof Instant || value instanceof Date || value instanceof ObjectId
                || value instanceof UUID;
    }
}
