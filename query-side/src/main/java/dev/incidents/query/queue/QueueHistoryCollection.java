package dev.incidents.query.queue;

import dev.incidents.query.asof.PeriodCollections;

/**
 * The collections of the queue history: {@link #NAME} contains the {@link QueueStint}s, {@link #HEADS} one
 * {@link QueueHistoryHead} per incident, and {@link #KEYS} and {@link #BUCKETS} the
 * {@link dev.incidents.query.asof.PeriodIndex} that lists each queue section's periods.
 */
final class QueueHistoryCollection {

    static final String NAME = "queue_history";
    static final String HEADS = "queue_history_heads";
    static final String KEYS = "queue_history_keys";
    static final String BUCKETS = "queue_history_buckets";

    static final PeriodCollections INDEX = new PeriodCollections(KEYS, BUCKETS,
            QueueHistoryProjection.PROCESSING_GROUP);

    private QueueHistoryCollection() {
    }
}
