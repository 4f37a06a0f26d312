package dev.incidents.command.incident;

import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;

/**
 * A command broke a business rule and changed nothing. The {@link CommandRejection} carries a stable code so the
 * REST layer maps it to an HTTP status without parsing the message.
 */
public class IncidentRuleViolation extends RuntimeException {

    private final transient CommandRejection rejection;

    public IncidentRuleViolation(CommandRejection rejection) {
        super(rejection.message());
        this.rejection = rejection;
    }

    public CommandRejection rejection() {
        return rejection;
    }

    public ErrorCode code() {
        return rejection.code();
    }
}
