package dev.incidents.query.queue;

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
 * The queue periods that one processor batch opens and closes. Periods opened in the batch are closed in memory;
 * periods stored earlier are closed with one update each. Every write sets whole values by id, so writing a
 * redelivered batch again gives the same documents.
 */
final class QueueStintBatch implements BatchWriter {

    private final MongoOperations mongo;
    private final Map<String, Document> opened = new LinkedHashMap<>();
    private final Map<String, Instant[]> closed = new LinkedHashMap<>();

    QueueStintBatch(MongoOperations mongo) {
        this.mongo = mongo;
    }

    void open(Document stint) {
        opened.put(stint.getString("_id"), stint);
    }

    /** Ends the period with this id at the given times on the two axes. */
    void close(String id, Instant businessTo, Instant recordedTo) {
        Document stint = opened.get(id);
        if (stint != null) {
            stint.put(QueueStint.BUSINESS_TO, Date.from(businessTo));
            stint.put(QueueStint.RECORDED_TO, Date.from(recordedTo));
        } else {
            closed.put(id, new Instant[] {businessTo, recordedTo});
        }
    }

    @Override
    public void write() {
        if (opened.isEmpty() && closed.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, QueueHistoryCollection.NAME);
        for (Map.Entry<String, Document> stint : opened.entrySet()) {
            bulk.replaceOne(byId(stint.getKey()), stint.getValue(), FindAndReplaceOptions.options().upsert());
        }
        for (Map.Entry<String, Instant[]> end : closed.entrySet()) {
            bulk.updateOne(byId(end.getKey()), new Update()
                    .set(QueueStint.BUSINESS_TO, Date.from(end.getValue()[0]))
                    .set(QueueStint.RECORDED_TO, Date.from(end.getValue()[1])));
        }
        bulk.execute();
        opened.clear();
        closed.clear();
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
