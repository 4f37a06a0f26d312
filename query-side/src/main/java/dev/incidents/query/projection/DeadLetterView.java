package dev.incidents.query.projection;

import java.time.Instant;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;

/**
 * One parked event of a processing group.
 *
 * @param sequence the sequence it is parked under: the incident id for incident events, else the event id
 * @param incidentId the aggregate id of the event, which is the incident id for incident events; null for an event
 *         without an aggregate
 * @param sequenceNumber the event's sequence number within its aggregate, null without an aggregate
 * @param eventType the simple class name of the event payload
 * @param causeType class of the handler's exception; null for an event that only queues behind an earlier one
 * @param causeMessage message of that exception, cut to 1,024 characters
 * @param enqueuedAt when the event was parked
 * @param lastTouched when the event was parked or last retried
 * @param retries failed retries of this letter
 */
record DeadLetterView(
        String sequence,
        String eventId,
        String incidentId,
        Long sequenceNumber,
        String eventType,
        String causeType,
        String causeMessage,
        Instant enqueuedAt,
        Instant lastTouched,
        long retries) {

    static DeadLetterView of(String sequence, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        DomainEventMessage<?> domainEvent = message instanceof DomainEventMessage<?> domain ? domain : null;
        Cause cause = letter.cause().orElse(null);
        return new DeadLetterView(sequence, message.getIdentifier(),
                domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                domainEvent == null ? null : domainEvent.getSequenceNumber(),
                message.getPayloadType().getSimpleName(),
                cause == null ? null : cause.type(),
                cause == null ? null : cause.message(),
                letter.enqueuedAt(), letter.lastTouched(), DeadLetterPolicy.retriesOf(letter));
    }
}
