package dev.incidents.query.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps the {@link BatchWriter}s of the batch that the current unit of work handles, as a resource of the root unit
 * of work. A streaming processor handles each batch in one {@link BatchingUnitOfWork}, so a writer lives exactly as
 * long as its batch and is discarded with it when the batch fails. A retried dead letter is a batch of one event.
 */
public final class BatchWriters {

    private static final String RESOURCE_KEY = BatchWriters.class.getName();

    private BatchWriters() {
    }

    /**
     * Returns the writer stored under {@code key} for the current batch. The first call in a batch creates it by
     * passing every event of the batch to {@code factory}, so that it can load all the documents it needs at once.
     * Each key belongs to one projection, which always stores the same writer type under it.
     *
     * @throws IllegalStateException when no unit of work is active
     */
    @SuppressWarnings("unchecked")
    public static <W extends BatchWriter> W current(String key, Function<List<EventMessage<?>>, W> factory) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("no unit of work is active for the " + key + " batch writer: "
                    + "projection handlers run only inside an event processor's unit of work");
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        UnitOfWork<?> root = current.root();
        return (W) writersOf(root).computeIfAbsent(key, ignored -> factory.apply(messagesOf(root, current)));
    }

    /** Writes every writer of the batch in creation order and removes them, so a second call writes nothing. */
    static void writeAll(UnitOfWork<?> unitOfWork) {
        Map<String, BatchWriter> writers = unitOfWork.root().getResource(RESOURCE_KEY);
        if (writers == null) {
            return;
        }
        unitOfWork.root().resources().remove(RESOURCE_KEY);
        for (BatchWriter writer : writers.values()) {
            writer.write();
        }
    }

    private static Map<String, BatchWriter> writersOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(RESOURCE_KEY, ignored -> new LinkedHashMap<>());
    }

    /**
     * Returns the messages of the processor batch, or the current message alone when no batch runs. A retry of a
     * dead letter handles each letter in a unit of work nested in one without a message.
     */
    private static List<EventMessage<?>> messagesOf(UnitOfWork<?> root, UnitOfWork<?> current) {
        List<?> messages = root instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages()
                : List.of(current.getMessage());
        return messages.stream()
                .filter(EventMessage.class::isInstance)
                .<EventMessage<?>>map(EventMessage.class::cast)
                .toList();
    }
}
