package dev.incidents.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to an event whose handler failed in one processing group.
 *
 * <ul>
 *     <li>While the processor handles the event stream, a failure of the read model database or a
 *     {@link ReadModelStateMissingException} raises {@link ProjectionFailureRetriedException}, so the batch is
 *     retried, because the event is not at fault. Any other failure parks the event in the dead-letter queue with
 *     {@value #RETRIES} 0.</li>
 *     <li>While an admin retries a parked sequence, a failure keeps the letter parked with {@value #RETRIES} one
 *     higher, whatever the cause.</li>
 * </ul>
 */
class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics entry with the number of failed retries of a letter. */
    static final String RETRIES = "retries";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);

    private final String processingGroup;

    DeadLetterPolicy(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        String eventId = letter.message().getIdentifier();

        // Only letters read back from the queue are MongoDeadLetters; a failure during live handling arrives as a
        // new letter.
        if (letter instanceof MongoDeadLetter<?>) {
            long retries = retriesOf(letter) + 1;
            log.warn("Retry {} of dead letter {} in processing group {} failed, so it stays parked: {}", retries,
                    eventId, processingGroup, cause.toString());
            return Decisions.requeue(ThrowableCause.truncated(cause),
                    failed -> failed.diagnostics().and(RETRIES, retries));
        }

        if (TransientFailures.isTransient(cause) || isMissingState(cause)) {
            log.warn("Handling event {} in processing group {} failed on the read model, not on the event; retrying "
                    + "the batch instead of parking the event: {}", eventId, processingGroup, cause.toString());
            throw new ProjectionFailureRetriedException(processingGroup, eventId, cause);
        }
        // NOTE: changes a handler made to its batch's documents before it failed stay in the batch and are written.
        // The incident summary checks every event before it changes anything; other projections may not.
        log.error("Handling event {} ({}) in processing group {} failed; parking it and the later events of its "
                        + "sequence in the dead-letter queue", eventId, letter.message().getPayloadType().getName(),
                processingGroup, cause);
        return Decisions.enqueue(ThrowableCause.truncated(cause), failed -> MetaData.with(RETRIES, 0L));
    }

    private static boolean isMissingState(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ReadModelStateMissingException) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
        }
        return false;
    }

    /** Returns the failed retries recorded in the letter's diagnostics, 0 when none is recorded. */
    static long retriesOf(DeadLetter<?> letter) {
        Object retries = letter.diagnostics().get(RETRIES);
        return retries instanceof Number number ? number.longValue() : 0;
    }
}
