package dev.incidents.query.projection;

/**
 * Raised by a projection when the read model lacks the state an event builds on, such as the summary of an incident
 * whose later event arrives, or a hash chain with fewer entries than the event's sequence number. The read model
 * database lost documents then, and the event is not at fault: the processor retries the batch, shows the failure in
 * its error state and continues once the documents are restored or the read model is rebuilt. The event is not
 * dead-lettered.
 */
public class ReadModelStateMissingException extends IllegalStateException {

    public ReadModelStateMissingException(String message) {
        super(message);
    }
}
