package dev.incidents.query.sla;

/**
 * One incident event kept to rebuild the service level clock.
 *
 * @param type simple class name of the event
 * @param json the event as JSON
 */
record StoredEvent(String type, String json) {
}
