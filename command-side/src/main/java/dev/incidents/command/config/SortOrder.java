package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sort order of a query, in the embedded MongoDB server's order of values: each field ascending or descending,
 * values compared as the server's own document comparator compares them. Two texts or two instants are compared
 * directly. The server's comparator first ranks the types of both values by searching a list of classes, and that
 * took most of the server's samples in a profile of queue pages once the values were read only once.
 */
final class SortOrder {

    private final List<String> fields;
    private final boolean[] ascending;

    private SortOrder(List<String> fields, boolean[] ascending) {
        this.fields = fields;
        this.ascending = ascending;
    }

    /** Returns the order of a sort specification such as {@code {priority: 1, reportedAt: -1}}. */
    static SortOrder of(Document orderBy) {
        List<String> fields = new ArrayList<>(orderBy.keySet());
        boolean[] ascending = new boolean[fields.size()];
        for (int index = 0; index < ascending.length; index++) {
            ascending[index] = ((Number) orderBy.get(fields.get(index))).intValue() > 0;
        }
        return new SortOrder(fields, ascending);
    }

    /** Returns the document with its sort values, read once by their paths. */
    Keyed keyed(Document document) {
        Object[] values = new Object[fields.size()];
        for (int index = 0; index < values.length; index++) {
            values[index] = Utils.getSubdocumentValueCollectionAware(document, fields.get(index));
        }
        return new Keyed(document, values);
    }

    /** A document with its sort values, comparable in this order. */
    final class Keyed implements Comparable<Keyed> {

        private final Document document;
        private final Object[] values;

        private Keyed(Document document, Object[] values) {
            this.document = document;
            this.values = values;
        }

        Document document() {
            return document;
        }

        @Override
        public int compareTo(Keyed other) {
            for (int index = 0; index < values.length; index++) {
                int comparison = compareAscending(values[index], other.values[index]);
                if (comparison != 0) {
                    return ascending[index] ? comparison : -comparison;
                }
            }
            return 0;
        }
    }

    private static int compareAscending(Object value, Object other) {
        if (value instanceof String text && other instanceof String otherText) {
            return text.compareTo(otherText);
        }
        if (value instanceof Instant instant && other instanceof Instant otherInstant) {
            return instant.compareTo(otherInstant);
        }
        return ValueComparator.asc().compare(value, other);
    }
}
