package dev.incidents.query.projection;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The documents of one collection that a processor batch reads and changes, keyed by their string id. One query
 * loads the stored documents of the whole batch, the changes stay in memory, and one unordered bulk write replaces
 * the changed documents. Each document thus costs at most one read and one write per batch.
 *
 * @param <D> the mapped document type
 */
public final class DocumentBatch<D> implements BatchWriter {

    private final MongoOperations mongo;
    private final Class<D> type;
    private final String collection;
    /** Documents as this batch left them, keyed by id. A null value means that the document is not stored. */
    private final Map<String, D> documents = new HashMap<>();
    private final Map<String, D> changed = new LinkedHashMap<>();

    private DocumentBatch(MongoOperations mongo, Class<D> type, String collection) {
        this.mongo = mongo;
        this.type = type;
        this.collection = collection;
    }

    /** Loads the stored documents with the given ids with one {@code $in} query. */
    public static <D> DocumentBatch<D> load(MongoOperations mongo, Class<D> type, String collection,
                                            Collection<String> ids) {
        DocumentBatch<D> batch = new DocumentBatch<>(mongo, type, collection);
        if (ids.isEmpty()) {
            return batch;
        }
        ids.forEach(id -> batch.documents.put(id, null));
        Query byIds = Query.query(Criteria.where("_id").in(ids));
        for (Document stored : mongo.find(byIds, Document.class, collection)) {
            batch.documents.put(stored.getString("_id"), mongo.getConverter().read(type, stored));
        }
        return batch;
    }

    /**
     * Returns the document as this batch left it: as stored, or as passed to {@link #changed}. Returns null when it
     * is neither stored nor changed. A document that {@link #load} did not cover is read on first use.
     */
    public D find(String id) {
        if (!documents.containsKey(id)) {
            documents.put(id, mongo.findById(id, type, collection));
        }
        return documents.get(id);
    }

    /** Marks the document for writing when the batch ends; a new document becomes visible to {@link #find}. */
    public void changed(String id, D document) {
        documents.put(id, document);
        changed.put(id, document);
    }

    /**
     * Replaces every changed document in the collection, inserting those not stored yet. Each document is replaced
     * as a whole, so writing a redelivered batch again gives the same documents.
     */
    @Override
    public void write() {
        if (changed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection);
        for (Map.Entry<String, D> document : changed.entrySet()) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(document.getKey())), document.getValue(),
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
        changed.clear();
    }
}
