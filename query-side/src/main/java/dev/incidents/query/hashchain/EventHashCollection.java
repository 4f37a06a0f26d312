package dev.incidents.query.hashchain;

/** The {@code event_hashes} collection: one {@link RecordedChain} per incident, keyed by incident id. */
final class EventHashCollection {

    static final String NAME = "event_hashes";

    private EventHashCollection() {
    }
}
