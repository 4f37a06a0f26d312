package dev.incidents.command.servicelevel;

/**
 * A calendar or policy breaks a rule and was not saved. It is an {@link IllegalArgumentException}, so the REST API
 * returns 400 with its message, and a start from the service levels file stops with it.
 */
public class InvalidServiceLevelException extends IllegalArgumentException {

    public InvalidServiceLevelException(String message) {
        super(message);
    }
}
