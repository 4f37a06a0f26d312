package dev.incidents.api.incident;

/** Metadata keys that live commands may carry. */
public final class CommandMetaData {

    /**
     * The incident version (sequence number of its last event) the client read before sending the command; a
     * command for another version is rejected. Sent over HTTP as {@code If-Match}.
     */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private CommandMetaData() {
    }
}
