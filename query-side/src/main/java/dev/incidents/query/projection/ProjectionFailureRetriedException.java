package dev.incidents.query.projection;

/**
 * Raised instead of dead-lettering an event whose handler failed because the read model database failed. It fails
 * the whole batch, so the processor keeps its token and handles the batch again after a back-off.
 */
class ProjectionFailureRetriedException extends RuntimeException {

    ProjectionFailureRetriedException(String processingGroup, String eventId, Throwable cause) {
        super("handling event " + eventId + " in processing group " + processingGroup
                + " failed because the read model database failed; the batch is retried", cause);
    }
}
