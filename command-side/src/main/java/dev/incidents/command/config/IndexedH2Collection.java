package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A collection of the embedded MongoDB server that reads its {@link EqualityIndex equality indexes}. A query found by
 * a unique index is served as before. Otherwise the query reads the documents of the equality index that selects
 * the fewest, if it selects fewer than half of the collection. Any other query scans the collection, as in the plain
 * backend. An aggregation that starts with {@code $match}, as {@code countDocuments} does, reads its input the same
 * way.
 */
final class IndexedH2Collection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);

    private static final String ID_FIELD = "_id";
    /** Documents that a delete of the whole collection reads into memory at a time. */
    private static final int DELETE_CHUNK = 500;

    /** The {@code $match} of the aggregation this thread is about to run on a collection, read once. */
    private static final ThreadLocal<PendingMatch> PENDING_MATCH = new ThreadLocal<>();

    /**
     * Whether this collection is running an update, guarded by the collection's monitor like every operation of it.
     * An update changes the document it reads in place, and the stored object may sit in a page that a commit on
     * another thread is writing, which then fails with a ConcurrentModificationException and closes the store. An
     * update therefore reads copies. The server changes only the top-level fields of that document and builds every
     * changed value in a deep copy of its own, so a copy of the top level is enough. Deep copies took a sixth of the
     * server's samples during an import.
     */
    private boolean updating;

    /** False while the plain collection's constructor runs, which reads the data size for a debug line. */
    private final boolean constructed;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
        this.constructed = true;
    }

    /**
     * Keeps no running total of the documents' encoded size. The plain collection encodes every inserted document and
     * both versions of every updated one once more to keep it, which took 99 of the server's 639 samples during an
     * import, and only the statistics commands read it.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /** Returns the encoded size of every document, computed when a statistics command requests it. */
    @Override
    protected synchronized int getDataSize() {
        if (!constructed) {
            return 0;
        }

        long size = 0;
        ByteBuf buffer = Unpooled.buffer();
        try {
            for (Document document : (Iterable<Document>) queryAllAsStream()::iterator) {
                buffer.clear();
                BsonEncoder.encodeDocument(document, buffer);
                size += buffer.writerIndex();
            }
        } finally {
            buffer.release();
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        Object replacedId = replacedId(selector, update, isMulti);
        if (replacedId != null) {
            return replaceById(replacedId, selector, update, isUpsert, oplog);
        }
        return readingCopies(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
    }

    /**
     * Returns the id of an update that replaces one document chosen by a text or ObjectId {@code _id} alone, as the
     * read models' {@code replaceOne} calls do, or null for any other update, which the plain collection serves.
     * A replacement that names another {@code _id} goes to the plain collection too, which rejects it.
     */
    private Object replacedId(Document selector, Document update, boolean isMulti) {
        if (isMulti || update.isEmpty() || selector.size() != 1 || !ID_FIELD.equals(getIdField())) {
            return null;
        }
        Object id = selector.get(ID_FIELD);
        if (!(id instanceof String || id instanceof ObjectId)) {
            return null;
        }
        for (String field : update.keySet()) {
            if (field.startsWith("$")) {
                return null;
            }
        }
        Object replacementId = update.get(ID_FIELD);
        return replacementId == null || replacementId.equals(id) ? id : null;
    }

    /**
     * Replaces the document with this {@code _id}, or inserts the replacement when none is stored and
     * {@code isUpsert} is set, with the result and index checks of the plain collection. The plain collection first
     * runs the selector as a query, then builds the new document from deep copies and compares it with a deep copy
     * of the stored one. In a profile of a queue history rebuild, its updates took 217 of the server's 601 samples,
     * and 92 of 460 with this path. Here the stored document is looked up by its key. The new one takes the values
     * of the replacement, which was decoded for this command alone.
     */
    private Document replaceById(Object id, Document selector, Document replacement, boolean isUpsert, Oplog oplog) {
        Document replaced = new Document(ID_FIELD, id);
        replaced.putAll(replacement);
        Utils.validateFieldNames(replaced);

        Document result = new Document();
        Document stored = getDocument(id);
        if (stored == null) {
            if (isUpsert) {
                addDocument(replaced);
                result.put("upserted", id);
                oplog.handleInsert(getFullName(), List.of(replaced));
            } else {
                oplog.handleUpdate(getFullName(), selector, replacement, List.of());
            }
            result.put("n", 0);
            result.put("nModified", 0);
            return result;
        }

        boolean modified = !replaced.equals(stored);
        if (modified) {
            // Every index checks the change before any of them applies it, so a rejected one changes nothing.
            for (Index<Object> index : getIndexes()) {
                index.checkUpdate(stored, replaced, this);
            }
            for (Index<Object> index : getIndexes()) {
                index.updateInPlace(stored, replaced, id, this);
            }
            handleUpdate(id, stored, replaced);
        }
        oplog.handleUpdate(getFullName(), selector, replacement, modified ? List.of(id) : List.of());
        result.put("n", 1);
        result.put("nModified", modified ? 1 : 0);
        return result;
    }

    /**
     * Deletes every document in chunks when the filter is empty, as a read model's reset does. The plain collection
     * reads every matched document into memory before it deletes the first. On a store holding both replayed logs,
     * that ran the command side out of its 512 MB heap when the audit trail was reset for a rebuild. The reset then
     * stopped between an index and the documents, so a document stayed that its {@code _id} index no longer listed,
     * and every later plain delete of it failed. Here an index entry that is missing is skipped, so a reset also
     * clears such a collection.
     */
    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        if (!selector.isEmpty() || limit != 0 || !ID_FIELD.equals(getIdField())) {
            return super.deleteDocuments(selector, limit, oplog);
        }

        List<Object> deletedIds = new ArrayList<>();
        while (true) {
            List<Document> chunk;
            try (Stream<Document> documents = queryAllAsStream()) {
                chunk = documents.limit(DELETE_CHUNK).toList();
            }
            if (chunk.isEmpty()) {
                break;
            }
            for (Document document : chunk) {
                Object id = document.get(ID_FIELD);
                for (Index<Object> index : getIndexes()) {
                    index.remove(document);
                }
                removeDocument(Missing.ofNullable(id));
                deletedIds.add(id);
            }
        }
        oplog.handleDelete(getFullName(), selector, deletedIds);
        return deletedIds.size();
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return readingCopies(() -> super.findAndModify(query));
    }

    /** Runs an update of this collection so that it reads copies; the caller has locked the collection. */
    private Document readingCopies(Supplier<Document> update) {
        updating = true;
        try {
            return update.get();
        } finally {
            updating = false;
        }
    }

    /**
     * Sorts with each document's sort values read once. The server's comparator looks the values up by their path
     * again in every comparison, which took most of the server's samples in a profile of 50 concurrent readers of
     * a queue page that sorts about 1,000 incidents.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                   int numberToSkip, int limit, int batchSize,
                                                   Document fieldSelector) {
        if (orderBy == null || orderBy.isEmpty() || orderBy.keySet().iterator().next().equals("$natural")) {
            return super.matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }

        SortOrder order = SortOrder.of(orderBy);
        Stream<Document> sorted = documents
                .filter(document -> documentMatchesQuery(document, query))
                .map(order::keyed)
                .sorted()
                .map(SortOrder.Keyed::document);
        // The documents are filtered and sorted already, so an empty filter and no comparator are passed on.
        return super.matchDocumentsFromStream(new Document(), sorted, numberToSkip, limit, batchSize, null,
                fieldSelector);
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int numberToSkip,
                                                   int limit, int batchSize, Comparator<Document> order,
                                                   Document fieldSelector) {
        Stream<Document> read = updating
                ? documents.filter(document -> documentMatchesQuery(document, query)).map(Document::clone)
                : documents;
        return super.matchDocumentsFromStream(query, read, numberToSkip, limit, batchSize, order, fieldSelector);
    }

    @Override
    public void addIndex(Index<Object> index) {
        // An index of a file written before these indexes were kept in this form is empty and gets filled here.
        boolean filling = (index instanceof EqualityIndex || index instanceof UniqueKeyIndex) && index.isEmpty()
                && !isEmpty()
                && getIndexes().stream().noneMatch(existing -> existing.getName().equals(index.getName()));
        long started = System.nanoTime();
        if (filling) {
            log.info("Filling index {} of {} from its {} documents", index.getName(), getFullName(), count());
        }

        super.addIndex(index);

        if (filling) {
            log.info("Filled index {} of {} with {} entries in {} ms", index.getName(), getFullName(),
                    index.getCount(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Returns how many documents match a filter of equality conditions alone, counted in the equality index that
     * covers its fields without reading a document, or -1 when the filter has other conditions or no index covers it.
     * A queue page's total was read that way from about 1,000 documents on each request.
     */
    synchronized long countFromIndex(Document filter) {
        EqualityConditions exact = EqualityConditions.exactly(filter);
        if (exact == null) {
            return -1;
        }
        for (Index<Object> index : getIndexes()) {
            if (index instanceof EqualityIndex equalityIndex) {
                long count = equalityIndex.countMatching(exact);
                if (count >= 0) {
                    return count;
                }
            }
        }
        return -1;
    }

    /**
     * Runs an aggregation whose pipeline begins with {@code match} and reads this collection only as its input, so
     * the input may be the documents an index selects for that filter instead of every document.
     */
    <T> T aggregateMatching(Document match, Supplier<T> aggregation) {
        PENDING_MATCH.set(new PendingMatch(this, match));
        try {
            return aggregation.get();
        } finally {
            PENDING_MATCH.remove();
        }
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        PendingMatch pending = PENDING_MATCH.get();
        if (pending == null || pending.collection() != this) {
            return super.queryAllAsStream();
        }
        PENDING_MATCH.remove();

        synchronized (this) {
            Set<Object> candidates = candidates(EqualityConditions.of(pending.match()));
            if (candidates == null) {
                return super.queryAllAsStream();
            }
            // The pipeline's own $match filters these candidates.
            List<Document> documents = candidates.stream().map(this::getDocument).filter(Objects::nonNull).toList();
            return documents.stream();
        }
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        for (Index<Object> index : getIndexes()) {
            if (index.isUnique() && index.canHandle(query)) {
                return matchDocuments(query, index.getPositions(query), orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
        }

        EqualityConditions conditions = EqualityConditions.of(query);
        if (orderBy != null && !orderBy.isEmpty() && !orderBy.containsKey("$natural")) {
            List<Document> page = readInIndexOrder(query, conditions, orderBy, numberToSkip, limit);
            if (page != null) {
                // The page is filtered, sorted and cut already, so an empty filter and no comparator are passed on.
                return matchDocumentsFromStream(new Document(), page.stream(), 0, 0, batchSize, null, fieldSelector);
            }
        }

        Set<Object> candidates = candidates(conditions);
        if (candidates != null) {
            return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Reads the documents of a sorted query in the order of an equality index whose run for the query's equality
     * conditions is sorted that way. Only the entries up to the last document of the page are read, not every
     * document of the run, so a queue page of 20 incidents no longer sorts a queue of about 1,000. Returns null when no
     * index gives the order. It also returns null when a document appears twice in the run, has an array among its
     * sort values or has sort values of a type whose bytes do not follow the order. The caller then sorts.
     */
    private List<Document> readInIndexOrder(Document query, EqualityConditions conditions, Document orderBy,
                                            int numberToSkip, int limit) {
        if (conditions.isEmpty()) {
            return null;
        }
        for (Index<Object> index : getIndexes()) {
            EqualityIndex.OrderedRun run = index instanceof EqualityIndex equalityIndex
                    ? equalityIndex.orderedRun(conditions, orderBy) : null;
            if (run == null) {
                continue;
            }
            List<String> sortFields = List.copyOf(orderBy.keySet());
            // A filter of the run's equality conditions alone matches every document of the run.
            Predicate<Document> matches = EqualityConditions.exactly(query) != null ? null
                    : document -> documentMatchesQuery(document, query);
            IndexOrderedPage page = new IndexOrderedPage(numberToSkip, limit, matches,
                    document -> sortFields.stream().noneMatch(field ->
                            Utils.getSubdocumentValueCollectionAware(document, field) instanceof Collection));
            boolean ordered = run.visit(position -> page.offer(position, this::getDocument));
            if (ordered && !page.unordered()) {
                return page.documents();
            }
            log.debug("Sorting {} of {} in memory: index {} lists a document twice or contains values it cannot order",
                    query, getFullName(), index.getName());
            return null;
        }
        return null;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                         int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        // A position without a document is skipped: the index and the documents are separate maps of the store.
        Stream<Document> documents = StreamSupport.stream(positions.spliterator(), false)
                .map(this::getDocument)
                .filter(Objects::nonNull);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Returns the positions that the most selective equality index finds for the conditions, or null when no index
     * applies or the best one selects half of the collection or more. From that share on, reading every document in
     * order is taken to be cheaper than looking each one up, an estimate that was not measured.
     */
    private Set<Object> candidates(EqualityConditions conditions) {
        if (conditions.isEmpty()) {
            return null;
        }

        EqualityIndex best = null;
        int bestFixedFields = 0;
        long bestCount = count() / 2L + 1;
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof EqualityIndex equalityIndex)) {
                continue;
            }
            int fixedFields = equalityIndex.fixedFields(conditions);
            if (fixedFields == 0) {
                continue;
            }
            long selected = equalityIndex.countUpTo(conditions, fixedFields, bestCount);
            if (selected < bestCount) {
                best = equalityIndex;
                bestFixedFields = fixedFields;
                bestCount = selected;
            }
        }
        return best == null ? null : best.positions(conditions, bestFixedFields);
    }

    private record PendingMatch(IndexedH2Collection collection, Document match) {
    }
}
