package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A non-unique index of the embedded MongoDB server, which the plain server accepts and ignores. It keeps one
 * entry per document and indexed value combination in a map of the store, keyed by {@link OrderedKeyBytes}, so the
 * documents whose leading indexed fields equal given values are one run of the map, sorted by the fields that
 * follow. It serves equality on a prefix of its fields, which is how the read models query, and a sort by the fields
 * after that prefix. Ranges still read the documents found.
 * <p>
 * The map lives in the same store as the documents, so it is written with them and kept across restarts. An index
 * whose map is empty when it is added, after an upgrade or on a new collection, is filled from the documents.
 */
final class EqualityIndex extends Index<Object> {

    /** More value combinations than this are not looked up one by one. */
    private static final int MAX_LOOKUPS = 256;
    private static final String ID_FIELD = "_id";

    private final MVMap<byte[], Object> entries;
    /** Whether each indexed field is kept in descending order. */
    private final boolean[] descending;

    EqualityIndex(MVMap<byte[], Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
        this.descending = new boolean[keys.size()];
        for (int field = 0; field < descending.length; field++) {
            descending[field] = !keys.get(field).isAscending();
        }
    }

    /**
     * Returns how many leading fields of this index the conditions fix to a few values, 0 when the first is not
     * fixed or too many value combinations would have to be looked up.
     */
    int fixedFields(EqualityConditions conditions) {
        int fixed = 0;
        int combinations = 1;
        for (String field : keys()) {
            List<Object> values = conditions.valuesOf(field);
            if (values == null || combinations * values.size() > MAX_LOOKUPS) {
                break;
            }
            combinations *= values.size();
            fixed++;
        }
        return fixed;
    }

    /**
     * Counts the entries the conditions select through the first {@code fixedFields} fields, stopping at
     * {@code limit}, so a planner can compare indexes at the cost of the smallest.
     */
    long countUpTo(EqualityConditions conditions, int fixedFields, long limit) {
        long count = 0;
        for (byte[] prefix : prefixes(conditions, fixedFields)) {
            Cursor<byte[], Object> cursor = entries.cursor(prefix);
            while (count < limit && cursor.hasNext() && startsWith(cursor.next(), prefix)) {
                count++;
            }
            if (count >= limit) {
                return limit;
            }
        }
        return count;
    }

    /**
     * Returns how many documents match conditions that name exactly the leading fields of this index, read from the
     * index alone, or -1 when the conditions name another field. A document with an array in an indexed field has an
     * entry per element, so the documents are counted by position.
     */
    long countMatching(EqualityConditions exact) {
        int fixedFields = fixedFields(exact);
        if (fixedFields == 0 || fixedFields != exact.fieldCount()) {
            return -1;
        }
        return positions(exact, fixedFields).size();
    }

    /** Returns the positions of the documents whose first {@code fixedFields} indexed fields the conditions allow. */
    Set<Object> positions(EqualityConditions conditions, int fixedFields) {
        Set<Object> positions = new LinkedHashSet<>();
        for (byte[] prefix : prefixes(conditions, fixedFields)) {
            Cursor<byte[], Object> cursor = entries.cursor(prefix);
            while (cursor.hasNext() && startsWith(cursor.next(), prefix)) {
                positions.add(cursor.getValue());
            }
        }
        return positions;
    }

    /**
     * Returns the run of this index that lists the documents selected by {@code conditions} in the order of
     * {@code orderBy}, or null when the conditions fix another field than the leading ones or fix one to several
     * values, or when the order is not the fields after them followed by {@code _id} ascending. Each key ends with
     * the document's position, its {@code _id}, so that order has no ties and gives the same page as a sort.
     */
    OrderedRun orderedRun(EqualityConditions conditions, Document orderBy) {
        int fixedFields = fixedFields(conditions);
        if (fixedFields == 0 || fixedFields != conditions.fieldCount()) {
            return null;
        }
        for (String field : keys().subList(0, fixedFields)) {
            if (conditions.valuesOf(field).size() != 1) {
                return null;
            }
        }

        List<String> fields = keys();
        int next = fixedFields;
        boolean byId = false;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            if (byId || !(sort.getValue() instanceof Number direction)) {
                return null;
            }
            boolean ascending = direction.intValue() > 0;
            if (next < fields.size() && fields.get(next).equals(sort.getKey()) && ascending != descending[next]) {
                next++;
            } else if (next == fields.size() && sort.getKey().equals(ID_FIELD) && ascending) {
                byId = true;
            } else {
                return null;
            }
        }
        if (!byId) {
            return null;
        }
        return new OrderedRun(prefixes(conditions, fixedFields).get(0), fields.size() - fixedFields);
    }

    /** The entries of this index that share their leading values, in key order. */
    final class OrderedRun {

        private final byte[] prefix;
        private final int sortedFields;

        private OrderedRun(byte[] prefix, int sortedFields) {
            this.prefix = prefix;
            this.sortedFields = sortedFields;
        }

        /**
         * Passes the position of each entry to {@code visitor} in key order until it returns false or the run ends.
         * Returns false at the first entry whose values after the leading ones are not all of a type whose bytes
         * follow the sort order, since the order read so far may then be wrong.
         */
        boolean visit(Predicate<Object> visitor) {
            Cursor<byte[], Object> cursor = entries.cursor(prefix);
            while (cursor.hasNext()) {
                byte[] key = cursor.next();
                if (!startsWith(key, prefix)) {
                    return true;
                }
                if (!OrderedKeyBytes.sortedValues(key, prefix.length, sortedFields)) {
                    return false;
                }
                if (!visitor.test(cursor.getValue())) {
                    return true;
                }
            }
            return true;
        }
    }

    private List<byte[]> prefixes(EqualityConditions conditions, int fixedFields) {
        List<List<Object>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (String field : keys().subList(0, fixedFields)) {
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> combination : combinations) {
                for (Object value : conditions.valuesOf(field)) {
                    List<Object> extended = new ArrayList<>(combination);
                    extended.add(value);
                    longer.add(extended);
                }
            }
            combinations = longer;
        }
        List<byte[]> prefixes = new ArrayList<>(combinations.size());
        for (List<Object> combination : combinations) {
            prefixes.add(OrderedKeyBytes.of(combination, descending));
        }
        return prefixes;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public Object getPosition(Document document) {
        // Only unique indexes locate a single document.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Any number of documents may share values.
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (byte[] key : keysOf(document, position)) {
            entries.put(key, position);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(ID_FIELD);
        for (byte[] key : keysOf(document, position)) {
            entries.remove(key);
        }
        // The collections key their documents by _id, so that is the position whether or not an entry was found.
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // Any number of documents may share values.
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        Set<KeyValue> oldValues = indexedValues(oldDocument);
        Set<KeyValue> newValues = indexedValues(newDocument);
        if (oldValues.equals(newValues)) {
            return;
        }
        for (KeyValue values : oldValues) {
            if (!newValues.contains(values)) {
                entries.remove(keyOf(values, position));
            }
        }
        for (KeyValue values : newValues) {
            if (!oldValues.contains(values)) {
                entries.put(keyOf(values, position), position);
            }
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return fixedFields(EqualityConditions.of(query)) > 0;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        EqualityConditions conditions = EqualityConditions.of(query);
        return positions(conditions, fixedFields(conditions));
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
    }

    private List<byte[]> keysOf(Document document, Object position) {
        List<byte[]> keys = new ArrayList<>();
        for (KeyValue values : indexedValues(document)) {
            keys.add(keyOf(values, position));
        }
        return keys;
    }

    private byte[] keyOf(KeyValue values, Object position) {
        return OrderedKeyBytes.of(values.stream().toList(), descending, position);
    }

    /** Returns the value combinations the document is indexed under: one, or one per element of an indexed array. */
    private Set<KeyValue> indexedValues(Document document) {
        Set<KeyValue> values = getKeyValues(document);
        if (values.isEmpty()) {
            // An empty array in an indexed field gives no combination of values. MongoDB still indexes such a
            // document, so a query on the other fields finds it.
            values = Set.of(withoutEmptyArrays(document));
        }
        if (!isSparse()) {
            return values;
        }
        Set<KeyValue> present = new LinkedHashSet<>(values);
        present.removeIf(EqualityIndex::allMissing);
        return present;
    }

    /** Returns the document's indexed values with null in place of each empty array. */
    private KeyValue withoutEmptyArrays(Document document) {
        List<Object> values = new ArrayList<>();
        for (String field : keys()) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, field);
            values.add(value instanceof Collection<?> ? null : value);
        }
        return new KeyValue(values);
    }

    private static boolean allMissing(KeyValue values) {
        return values.stream().allMatch(value -> value == null);
    }
}
