package dev.incidents.query.projection;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a processor again after a failed rebuild, and keeps trying until it runs. What failed the rebuild, such as
 * the command side and its embedded MongoDB server going down, often fails the first start too. A processor left
 * stopped projects nothing and keeps the query side's health DOWN until the next restart.
 */
final class ProcessorRestarter {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRestarter.class);

    private final ScheduledExecutorService executor;
    private final Duration firstDelay;
    private final Duration maxDelay;

    /**
     * @param executor   runs the later attempts
     * @param firstDelay wait before the second attempt; each later wait doubles, up to {@code maxDelay}
     * @param maxDelay   longest wait between two attempts
     */
    ProcessorRestarter(ScheduledExecutorService executor, Duration firstDelay, Duration maxDelay) {
        this.executor = executor;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Starts the processor now if it is not running, and again later for as long as starting it fails. */
    void restart(StreamingEventProcessor processor, String name, String rebuildId) {
        attempt(processor, name, rebuildId, 1, firstDelay);
    }

    private void attempt(StreamingEventProcessor processor, String name, String rebuildId, int attempt,
                         Duration delay) {
        if (processor.isRunning()) {
            return;
        }

        try {
            processor.start();
            log.info("Started the {} processor again after the failed rebuild {} (attempt {})", name, rebuildId,
                    attempt);
        } catch (RuntimeException e) {
            log.warn("Starting the {} processor again after the failed rebuild {} failed (attempt {}); trying again "
                    + "in {} ms: {}", name, rebuildId, attempt, delay.toMillis(), e.toString());
            Duration doubled = delay.multipliedBy(2);
            Duration next = doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
            try {
                executor.schedule(() -> attempt(processor, name, rebuildId, attempt + 1, next), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                log.info("Not starting the {} processor again: the query side is shutting down", name);
            }
        }
    }
}
