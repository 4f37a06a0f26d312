package dev.incidents.query.projection;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Segments, worker threads and batch size of the pooled streaming processors, one processor per processing group.
 *
 * <p>Events are sequenced per aggregate: every event of one incident goes to the same segment and is handled in
 * order, while the events of different incidents are handled in parallel. No projection needs a global order. The
 * incident projections (summary, audit trail, queue history, service levels, event hashes) keep one document or one
 * hash chain per incident and check the incident's sequence number. The organisation versions, calendars and policies
 * are events of their own aggregates, so each of them stays in order too, and each version is stored under its own
 * number. A refusal is stored under its event id. An event without an aggregate gets its own sequence, its event id.
 */
@Component
class ProcessorSettings {

    /** Axon's default policy, named here because the dead-letter queues park events by the same sequence. */
    static final SequencingPolicy<? super EventMessage<?>> SEQUENCING_POLICY = SequentialPerAggregatePolicy.instance();

    private final int segments;
    private final int threads;
    private final int batchSize;

    /**
     * @param segments segments of a processor created without tokens; a processor whose tokens exist keeps its
     *         segment count
     * @param threads worker threads of each processor, 0 for one per segment
     * @param batchSize events of one segment handled and written together
     */
    ProcessorSettings(@Value("${incidents.projections.segments:4}") int segments,
                      @Value("${incidents.projections.threads:0}") int threads,
                      @Value("${incidents.projections.batch-size:500}") int batchSize) {
        if (segments < 1) {
            throw new IllegalArgumentException("invalid incidents.projections.segments " + segments
                    + ": use a positive number of segments per processor");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("invalid incidents.projections.threads " + threads
                    + ": use a positive number of worker threads per processor, or 0 for one per segment");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("invalid incidents.projections.batch-size " + batchSize
                    + ": use a positive number of events per batch");
        }
        this.segments = segments;
        this.threads = threads == 0 ? segments : threads;
        this.batchSize = batchSize;
    }

    int segments() {
        return segments;
    }

    int threads() {
        return threads;
    }

    int batchSize() {
        return batchSize;
    }

    /** Applies the settings to the builder of one processor. */
    PooledStreamingEventProcessor.Builder configure(Configuration configuration,
                                                    PooledStreamingEventProcessor.Builder builder) {
        return builder.initialSegmentCount(segments)
                .batchSize(batchSize)
                .coordinatorExecutor(name -> Executors.newSingleThreadScheduledExecutor(
                        daemonThreads("projection-" + name + "-coordinator")))
                .workerExecutor(name -> Executors.newScheduledThreadPool(threads,
                        daemonThreads("projection-" + name + "-worker")));
    }

    /** Daemon threads, so that a processor's idle pool never keeps the JVM alive after the context closed. */
    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
