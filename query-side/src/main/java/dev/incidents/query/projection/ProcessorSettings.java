package dev.incidents.query.projection;

import java.util.Set;
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

    /**
     * Processing groups whose read models are written by events of many incidents ({@link
     * ReadModel#sharesDocumentsAcrossIncidents()}): the queue history and the service levels append every period to
     * one index per queue. They run on one segment, whatever the value of {@code incidents.projections.segments}.
     */
    static final Set<String> SINGLE_SEGMENT_GROUPS = Set.of("queue-history", "service-levels");

    private final int segments;
    private final int threads;
    private final int batchSize;
    private final int maxClaimedSegments;

    /**
     * @param segments segments of a processor created without tokens; a processor whose tokens exist keeps its
     *         segment count
     * @param threads worker threads of each processor, 0 for one per segment
     * @param batchSize events of one segment handled and written together
     * @param maxClaimedSegments segments of one processor that this instance claims at most, 0 for no limit. A
     *         limit spreads the segments over several query sides. An instance then never takes over more segments
     *         than the limit when another stops.
     */
    ProcessorSettings(@Value("${incidents.projections.segments:4}") int segments,
                      @Value("${incidents.projections.threads:0}") int threads,
                      @Value("${incidents.projections.batch-size:500}") int batchSize,
                      @Value("${incidents.projections.max-claimed-segments:0}") int maxClaimedSegments) {
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
        if (maxClaimedSegments < 0) {
            throw new IllegalArgumentException("invalid incidents.projections.max-claimed-segments "
                    + maxClaimedSegments + ": use a positive number of segments per processor and instance, or 0 for"
                    + " no limit");
        }
        this.segments = segments;
        this.threads = threads == 0 ? segments : threads;
        this.batchSize = batchSize;
        this.maxClaimedSegments = maxClaimedSegments == 0 ? Integer.MAX_VALUE : maxClaimedSegments;
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
                .maxClaimedSegments(maxClaimedSegments)
                .coordinatorExecutor(name -> Executors.newSingleThreadScheduledExecutor(
                        daemonThreads("projection-" + name + "-coordinator")))
                .workerExecutor(name -> Executors.newScheduledThreadPool(threads,
                        daemonThreads("projection-" + name + "-worker")));
    }

    /** Puts a processor that shares documents across incidents on one segment. */
    PooledStreamingEventProcessor.Builder configureSingleSegment(Configuration configuration,
                                                                 PooledStreamingEventProcessor.Builder builder) {
        return builder.initialSegmentCount(1);
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
