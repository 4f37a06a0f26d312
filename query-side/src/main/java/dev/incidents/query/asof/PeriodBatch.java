package dev.incidents.query.asof;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import dev.incidents.query.projection.BatchWriter;

/**
 * The period documents of an as-of history that one processor batch opens and closes. Periods opened in the batch are closed in memory;
 * periods stored earlier are closed with one update each. Every write sets whole values by id, so writing a
 * redelivered batch again gives the same documents.
 */
public final class PeriodBatch implements BatchWriter {

    private final MongoOperations mongo;
    private final String collection;
    private final Map<String, Document> opened = new LinkedHashMap<>();
    private final Map<String, Instant[]> closed = new LinkedHashMap<>();

    public PeriodBatch(MongoOperations mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Stores the period document, whose {@code _id} is a string, when the batch ends. */
    public void open(Document stint) {
        opened.put(stint.getString("_id"), stint);
    }

    /** Ends the period with this id at the given times on the two axes. */
    public void close(String id, Instant businessTo, Instant recordedTo) {
        Document stint = opened.get(id);
        if (stint != null) {
            stint.put(PeriodIndex.BUSINESS_TO, Date.from(businessTo));
            stint.put(PeriodIndex.RECORDED_TO, Date.from(recordedTo));
        } else {
            closed.put(id, new Instant[] {businessTo, recordedTo});
        }
    }

    @Override
    public void write() {
        if (opened.isEmpty() && closed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        for (Map.Entry<String, Document> stint : opened.entrySet()) {
            bulk.replaceOne(byId(stint.getKey()), stint.getValue(), FindAndReplaceOptions.options().upsert());
        }
        for (Map.Entry<String, Instant[]> end : closed.entrySet()) {
            bulk.updateOne(byId(end.getKey()), new Update()
                    .set(PeriodIndex.BUSINESS_TO, Date.from(end.getValue()[0]))
                    .set(PeriodIndex.RECORDED_TO, Date.from(end.getValue()[1])));
        }
        bulk.execute();
        opened.clear();
        closed.clear();
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
