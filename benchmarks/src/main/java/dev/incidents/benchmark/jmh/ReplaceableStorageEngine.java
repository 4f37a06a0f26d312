package dev.incidents.benchmark.jmh;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Passes every call to an {@link InMemoryEventStorageEngine} that a benchmark replaces before each operation.
 * Axon's in-memory engine reads one aggregate by scanning every stored event, so a store that kept growing during
 * a measurement would make each load slower than the one before. Replacing only the engine keeps the event store,
 * repository and command bus of the trial, and their warmed-up state.
 */
final class ReplaceableStorageEngine implements EventStorageEngine {

    private InMemoryEventStorageEngine current = new InMemoryEventStorageEngine();

    /** Replaces the stored events by {@code history}, which may be empty. */
    void replace(List<? extends EventMessage<?>> history) {
        InMemoryEventStorageEngine next = new InMemoryEventStorageEngine();
        if (!history.isEmpty()) {
            next.appendEvents(history);
        }
        current = next;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        current.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        current.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return current.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return current.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return current.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return current.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return current.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return current.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return current.createTokenAt(dateTime);
    }
}
