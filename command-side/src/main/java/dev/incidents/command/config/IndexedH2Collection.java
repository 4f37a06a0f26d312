package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.Objects;
import java.util.Set;
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

    /** The {@code $match} of the aggregation this thread is about to run on a collection, read once. */
    private static final ThreadLocal<PendingMatch> PENDING_MATCH = new ThreadLocal<>();

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
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

        Set<Object> candidates = candidates(EqualityConditions.of(query));
        if (candidates != null) {
            return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
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
