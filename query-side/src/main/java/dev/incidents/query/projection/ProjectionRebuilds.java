package dev.incidents.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.ProcessorStatus;
import dev.incidents.api.query.RebuildProgress;

/**
 * Rebuilds one read model while the others keep serving. It stops the read model's streaming processor and resets its
 * tokens, which runs the projection's reset handler that clears its collections. Then it starts the processor again,
 * which replays the event store from the first event. One rebuild runs at a time, of any processor. A background
 * check marks a rebuild done once the processor has replayed up to the position where its tokens were reset and
 * reached the head of the event store.
 *
 * <p>The rebuilds are kept in memory, so after a restart of the query side only {@code GET /api/projections} shows a
 * processor that is still replaying. Resetting needs the claims of every segment, so a processor that another
 * instance of the query side runs cannot be rebuilt from this one until that instance stops it.
 */
@Component
class ProjectionRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    /** Maximum wait for a processor to finish its current batch and stop. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COMPLETION_CHECK_INTERVAL = Duration.ofMillis(200);
    /** Waits between attempts to start a processor again after a failed rebuild: 5 s, doubling up to a minute. */
    private static final Duration RESTART_FIRST_DELAY = Duration.ofSeconds(5);
    private static final Duration RESTART_MAX_DELAY = Duration.ofMinutes(1);

    private final EventProcessingConfiguration eventProcessing;
    private final EventStore eventStore;
    private final ReadModels readModels;
    private final HandledEventCounter handledEvents;
    private final Clock clock = Clock.systemUTC();
    /** The latest rebuild of each processor, running or finished. */
    private final Map<String, Rebuild> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ProcessorRestarter restarter = new ProcessorRestarter(executor, RESTART_FIRST_DELAY,
            RESTART_MAX_DELAY);

    ProjectionRebuilds(EventProcessingConfiguration eventProcessing, EventStore eventStore, ReadModels readModels,
                       HandledEventCounter handledEvents) {
        this.eventProcessing = eventProcessing;
        this.eventStore = eventStore;
        this.readModels = readModels;
        this.handledEvents = handledEvents;
        long interval = COMPLETION_CHECK_INTERVAL.toMillis();
        executor.scheduleWithFixedDelay(this::checkCompletion, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a rebuild of {@code processor} in the background and returns its progress right away.
     *
     * @throws ProjectionNotFoundException when no read model is built by that processor
     * @throws RebuildConflictException when a rebuild of any processor is running
     */
    RebuildProgress start(String processor, String requestedBy) {
        readModels.get(processor);
        StreamingEventProcessor streaming = processorNamed(processor);

        Rebuild rebuild = new Rebuild(UUID.randomUUID().toString(), processor, requestedBy, clock.instant());
        Rebuild current;
        // One rebuild at a time: each replays the whole store, and eight at once ran the command side (which serves
        // the embedded event store and MongoDB) out of its 512 MB heap after the BPIC 2013 and ServiceNow replays.
        synchronized (latest) {
            current = latest.values().stream().filter(Rebuild::isRunning).findFirst().orElse(rebuild);
            if (current == rebuild) {
                latest.put(processor, rebuild);
            }
        }
        if (current != rebuild) {
            log.warn("Rejected a rebuild of the {} processor requested by {}: rebuild {} of {} is running", processor,
                    requestedBy, current.id(), current.processor());
            throw new RebuildConflictException(progressOf(current));
        }

        log.info("Rebuild {} of the {} processor requested by {}", rebuild.id(), processor, requestedBy);
        executor.execute(() -> run(rebuild, streaming));
        return progressOf(rebuild);
    }

    /** Returns the progress of the latest rebuild of {@code processor}, or empty when it has not been rebuilt. */
    Optional<RebuildProgress> latest(String processor) {
        return Optional.ofNullable(latest.get(processor)).map(this::progressOf);
    }

    /** Returns the latest rebuild of a processor whose status is known already, for the projection status. */
    RebuildProgress latest(ProcessorStatus status, long head) {
        Rebuild rebuild = latest.get(status.name());
        return rebuild == null ? null : rebuild.progress(status, head, handledEvents.handled(status.name()),
                clock.instant());
    }

    private void run(Rebuild rebuild, StreamingEventProcessor processor) {
        String name = rebuild.processor();
        boolean resetting = false;
        try {
            log.info("Rebuild {}: stopping the {} processor", rebuild.id(), name);
            processor.shutdownAsync().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            long handledBefore = handledEvents.handled(name);
            resetting = true;
            processor.resetTokens();
            resetting = false;
            rebuild.replayStarted(handledBefore);
            processor.start();
            log.info("Rebuild {}: reset the tokens of the {} processor and started it again; it replays the event "
                    + "store from the first event", rebuild.id(), name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(rebuild, processor, e, resetting);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            fail(rebuild, processor, e, resetting);
        }
    }

    /**
     * Marks the rebuild failed and starts the processor again, so that it keeps projecting from its tokens. Axon runs
     * the reset handler before it resets the tokens, so a reset that failed may have emptied part of the read model
     * while the tokens stayed where they were.
     */
    private void fail(Rebuild rebuild, StreamingEventProcessor processor, Exception cause, boolean duringReset) {
        String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        Throwable root = NestedExceptionUtils.getRootCause(cause);
        if (root != null) {
            reason += " (caused by " + root + ")";
        }
        if (duringReset) {
            reason += ". The reset may have emptied part of the read model, so request the rebuild again once the"
                    + " cause is fixed";
        }
        rebuild.failed(reason, handledEvents.handled(rebuild.processor()), clock.instant());
        log.error("Rebuild {} of the {} processor failed: {}", rebuild.id(), rebuild.processor(), reason, cause);
        restarter.restart(processor, rebuild.processor(), rebuild.id());
    }

    private void checkCompletion() {
        try {
            for (Rebuild rebuild : latest.values()) {
                if (rebuild.isReplaying() && hasReplayedToHead(rebuild.processor())) {
                    rebuild.done(handledEvents.handled(rebuild.processor()), clock.instant());
                    RebuildProgress progress = progressOf(rebuild);
                    log.info("Rebuild {} of the {} processor done: {} events in {} s", rebuild.id(),
                            rebuild.processor(), progress.eventsDone(),
                            String.format(Locale.ROOT, "%.1f", progress.elapsedSeconds()));
                }
            }
        } catch (RuntimeException e) {
            // The scheduler would stop calling a task that raised; log and check again at the next interval.
            log.warn("Checking whether a projection rebuild is done failed; checking again in {} ms",
                    COMPLETION_CHECK_INTERVAL.toMillis(), e);
        }
    }

    /**
     * Returns true when the processor runs, is caught up with the head, and every segment has reached the position
     * that its token had when it was reset. Axon reports a segment as replaying until it handles an event past that
     * position, which with no new events never happens, so the replay flag alone cannot tell.
     */
    private boolean hasReplayedToHead(String processor) {
        StreamingEventProcessor streaming = processorNamed(processor);
        long head = ProjectionStatusQueryHandler.positionOf(eventStore.createHeadToken());
        ProcessorStatus status = ProjectionStatusQueryHandler.statusOf(processor, streaming, head, null);
        boolean replayed = streaming.processingStatus().values().stream().allMatch(ProjectionRebuilds::hasReplayed);
        return status.running() && status.caughtUp() && replayed;
    }

    private static boolean hasReplayed(EventTrackerStatus segment) {
        if (!segment.isReplaying()) {
            return true;
        }
        long position = segment.getCurrentPosition().orElse(ProjectionStatusQueryHandler.BEFORE_FIRST_EVENT);
        return position >= segment.getResetPosition().orElse(ProjectionStatusQueryHandler.BEFORE_FIRST_EVENT);
    }

    private RebuildProgress progressOf(Rebuild rebuild) {
        long head = ProjectionStatusQueryHandler.positionOf(eventStore.createHeadToken());
        ProcessorStatus status = ProjectionStatusQueryHandler.statusOf(rebuild.processor(),
                processorNamed(rebuild.processor()), head, null);
        return rebuild.progress(status, head, handledEvents.handled(rebuild.processor()), clock.instant());
    }

    private StreamingEventProcessor processorNamed(String processor) {
        return eventProcessing.eventProcessor(processor, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming event processor named " + processor
                        + " runs in this query side, although a read model names it"));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
