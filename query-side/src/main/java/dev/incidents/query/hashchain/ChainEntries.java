package dev.incidents.query.hashchain;

import dev.incidents.api.audit.EventHashChain;
import dev.incidents.api.incident.IncidentEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Turns incident events read from the event store into the entries of their {@link EventHashChain}. The payload is
 * the JSON that the store contains, because Axon returns the stored bytes of a message read with this serializer
 * instead of serializing the payload again. A change to the stored row thus changes the entry even where reading the
 * event would ignore it, as HashChainVerificationApiTest shows for an added member.
 */
@Component
public class ChainEntries {

    private final Serializer eventSerializer;

    ChainEntries(@Qualifier("eventSerializer") Serializer eventSerializer) {
        this.eventSerializer = eventSerializer;
    }

    /**
     * Returns the chain entry of an incident event.
     *
     * @throws IllegalArgumentException when the payload is no {@link IncidentEvent}
     */
    public EventHashChain.Entry of(DomainEventMessage<?> message) {
        if (!(message.getPayload() instanceof IncidentEvent event)) {
            throw new IllegalArgumentException("event " + message.getIdentifier() + " of stream "
                    + message.getAggregateIdentifier() + " at sequence " + message.getSequenceNumber()
                    + " is a " + message.getPayloadType().getName() + ", not an incident event");
        }
        byte[] payload = message.serializePayload(eventSerializer, byte[].class).getData();
        return new EventHashChain.Entry(message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(), event.occurredAt(), message.getTimestamp(),
                new String(payload, StandardCharsets.UTF_8));
    }
}
