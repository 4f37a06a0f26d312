package dev.incidents.query.access;

import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.incidents.api.access.Caller;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.error.QueryRefusal;

/**
 * Builds the exception a query handler throws for a query the caller may not send. The {@link QueryRefusal} travels
 * as the exception's details, which Axon keeps when the query crosses Axon Server.
 */
public final class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private Refusals() {
    }

    /**
     * Returns the exception for a refused query.
     *
     * @param resource what was requested, without any of its values
     * @param rule     the rule that applies to the caller
     * @param reason   why the resource is outside the rule, without any of its values
     */
    public static QueryExecutionException refuse(Caller caller, String resource, String rule, String reason) {
        String message = rule + "; " + reason + ".";
        log.warn("Refused {} to user {}: {}", resource, caller.user(), message);
        QueryRefusal refusal = new QueryRefusal(ErrorCode.NOT_PERMITTED, caller.user().value(), resource, rule,
                message);
        return new QueryExecutionException(message, null, refusal);
    }

    /** Returns the refusal of one incident, whose wording is the same whether the incident exists or not. */
    public static QueryExecutionException refuseIncident(Visibility visibility, String incidentId) {
        return refuse(visibility.caller(), "incident " + incidentId, visibility.describe(),
                "incident " + incidentId + " is not one of them");
    }
}
