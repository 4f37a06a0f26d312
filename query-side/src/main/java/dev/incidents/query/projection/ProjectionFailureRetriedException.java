package dev.incidents.query.projection;

/**
 * Raised instead of dead-lettering an event whose handler failed because of the read model, not the event: its
 * database failed, or it lacks documents the event builds on. It fails the whole batch, so the processor keeps its
 * token and handles the batch again after a back-off. The message includes the cause's, so the processor status shows
 * which incident is stuck.
 */
class ProjectionFailureRetriedException extends RuntimeException {

    ProjectionFailureRetriedException(String processingGroup, String eventId, Throwable cause) {
        super("handling event " + eventId + " in processing group " + processingGroup + " failed on the read model,"
                + " so the batch is retried: " + cause.getMessage(), cause);
    }
}
