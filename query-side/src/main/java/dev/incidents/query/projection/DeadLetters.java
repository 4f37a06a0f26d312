package dev.incidents.query.projection;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Lists, retries and evicts the parked events of the processing groups. */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final ReadModels readModels;
    private final DeadLetterSettings settings;
    private final EventProcessingConfiguration eventProcessing;

    DeadLetters(ReadModels readModels, DeadLetterSettings settings, EventProcessingConfiguration eventProcessing) {
        this.readModels = readModels;
        this.settings = settings;
        this.eventProcessing = eventProcessing;
    }

    /** Returns the number of parked sequences and events of every processing group, in alphabetical order. */
    List<DeadLetterGroupSummary> summaries() {
        List<DeadLetterGroupSummary> summaries = new ArrayList<>();
        for (String group : readModels.names()) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = settings.queue(group);
            summaries.add(new DeadLetterGroupSummary(group, queue.amountOfSequences(), queue.size()));
        }
        return summaries;
    }

    /**
     * Returns every parked event of {@code group}, sequence by sequence, each sequence in the order its events
     * arrived.
     *
     * @throws ProjectionNotFoundException when no processing group has that name
     */
    List<DeadLetterView> list(String group) {
        readModels.get(group);
        List<DeadLetterView> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : settings.queue(group).deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                letters.add(DeadLetterView.of(sequenceOf(letter), letter));
            }
        }
        return letters;
    }

    /**
     * Handles the parked events of one sequence again, in order, through the group's handlers. Each event that
     * succeeds is evicted; the first that fails stays parked with the later ones behind it.
     *
     * @return the result with the events still parked in the sequence
     * @throws ProjectionNotFoundException when no processing group has that name
     * @throws DeadLetterSequenceNotFoundException when the group has no parked event in that sequence
     */
    DeadLetterRetry retry(String group, String sequence, String requestedBy) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queueWithSequence(group, sequence);
        log.info("Retrying the {} dead letters of sequence {} in processing group {}, requested by {}",
                queue.sequenceSize(sequence), sequence, group, requestedBy);

        boolean succeeded = processorOf(group).process(letter -> sequence.equals(sequenceOf(letter)));

        List<DeadLetterView> remaining = new ArrayList<>();
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
            remaining.add(DeadLetterView.of(sequence, letter));
        }
        if (succeeded && remaining.isEmpty()) {
            log.info("Retried sequence {} of processing group {}: every parked event was handled", sequence, group);
        } else {
            log.warn("Retried sequence {} of processing group {}: {} events stay parked", sequence, group,
                    remaining.size());
        }
        return new DeadLetterRetry(group, sequence, remaining.isEmpty(), remaining);
    }

    /**
     * Retries every parked sequence of {@code group}, one after the other.
     *
     * @throws ProjectionNotFoundException when no processing group has that name
     */
    List<DeadLetterRetry> retryAll(String group, String requestedBy) {
        readModels.get(group);
        List<String> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : settings.queue(group).deadLetters()) {
            sequence.iterator().forEachRemaining(letter -> {
                String identifier = sequenceOf(letter);
                if (!sequences.contains(identifier)) {
                    sequences.add(identifier);
                }
            });
        }
        log.info("Retrying {} dead-letter sequences of processing group {}, requested by {}", sequences.size(),
                group, requestedBy);

        List<DeadLetterRetry> results = new ArrayList<>();
        for (String sequence : sequences) {
            if (settings.queue(group).contains(sequence)) {
                results.add(retry(group, sequence, requestedBy));
            }
        }
        return results;
    }

    /**
     * Removes every parked event of one sequence, so the group never handles them. Events of that sequence that
     * arrive later are handled as usual.
     *
     * @return the evicted events
     * @throws ProjectionNotFoundException when no processing group has that name
     * @throws DeadLetterSequenceNotFoundException when the group has no parked event in that sequence
     */
    List<DeadLetterView> evict(String group, String sequence, String requestedBy) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queueWithSequence(group, sequence);

        List<DeadLetterView> evicted = new ArrayList<>();
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
            queue.evict(letter);
            evicted.add(DeadLetterView.of(sequence, letter));
        }
        log.warn("Evicted {} dead letters of sequence {} in processing group {}, requested by {}: event ids {}",
                evicted.size(), sequence, group, requestedBy,
                evicted.stream().map(DeadLetterView::eventId).toList());
        return evicted;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queueWithSequence(String group, String sequence) {
        readModels.get(group);
        SequencedDeadLetterQueue<EventMessage<?>> queue = settings.queue(group);
        if (!queue.contains(sequence)) {
            throw new DeadLetterSequenceNotFoundException(group, sequence);
        }
        return queue;
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processorOf(String group) {
        return eventProcessing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("processing group " + group
                        + " has no dead-letter processor, although it has a dead-letter queue"));
    }

    /** Returns the sequence a letter is parked under; the Mongo queue stores it as a string. */
    private static String sequenceOf(DeadLetter<?> letter) {
        if (letter instanceof MongoDeadLetter<?> stored) {
            return stored.sequenceIdentifier();
        }
        throw new IllegalStateException("dead letter of event " + letter.message().getIdentifier()
                + " did not come from the Mongo dead-letter queue but from " + letter.getClass().getName());
    }

    /** Parked sequences and events of one processing group. */
    record DeadLetterGroupSummary(String processingGroup, long sequences, long letters) {
    }

    /** Result of a retry: whether the sequence is empty now, and the events still parked in it. */
    record DeadLetterRetry(String processingGroup, String sequence, boolean succeeded,
                           List<DeadLetterView> remaining) {
    }
}
