package dev.incidents.api.error;

import java.util.List;

/**
 * Details of a rejected command: what was rejected, the incident's state at that moment and the commands allowed
 * in that state, so a client can act on it without parsing the message.
 */
public record CommandRejection(
        ErrorCode code,
        String incidentId,
        String command,
        String state,
        List<String> allowedCommands,
        String message) {
}
