package dev.incidents.query.queue;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The collections of the queue history: {@link #NAME} contains the {@link QueueStint}s, {@link #HEADS} one
 * {@link QueueHistoryHead} per incident.
 */
final class QueueHistoryCollection {

    static final String NAME = "queue_history";
    static final String HEADS = "queue_history_heads";

    private QueueHistoryCollection() {
    }

    /**
     * Creates the index behind as-of queue queries, which select the periods of one queue section by equality.
     *
     * <p>NOTE: the embedded mongo-java-server (1.47) keeps only unique indexes and ignores this one, so there every
     * as-of query scans the whole collection, about two documents per event. A MongoDB server uses the index.
     */
    static void ensureIndexes(MongoOperations mongo) {
        mongo.indexOps(NAME).ensureIndex(new Index().on(QueueStint.KEY, Sort.Direction.ASC));
    }
}
