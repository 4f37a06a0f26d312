package dev.incidents.query.queue;

import java.util.List;

/**
 * Update of the subscription queries for queue pages: the queue sections whose incidents changed in one processor
 * batch, as {@link QueueKeys} names them. Subscribers read the page again with their own visibility, so this update
 * is never sent to a client and names no incident.
 *
 * @param queueKeys the sections that gained, lost or changed an incident
 */
public record QueueChanged(List<String> queueKeys) {

    public QueueChanged {
        queueKeys = List.copyOf(queueKeys);
    }
}
