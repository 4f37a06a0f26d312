package dev.incidents.api.error;

/**
 * Details of a command that a handler rejected as invalid input, such as a service level policy without targets.
 * Through Axon Server the handler's {@code IllegalArgumentException} arrives without its class, so the command side
 * sends this record as the details of a {@code CommandExecutionException} and the caller maps it to HTTP 400.
 *
 * @param code    always {@link ErrorCode#INVALID_INPUT}
 * @param message what was invalid and how to correct it
 */
public record InputRejection(ErrorCode code, String message) {
}
