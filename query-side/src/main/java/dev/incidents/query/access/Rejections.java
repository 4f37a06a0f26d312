package dev.incidents.query.access;

import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.incidents.api.access.Caller;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.error.QueryRejection;

/**
 * Builds the exception a query handler throws for a query the caller may not send. The {@link QueryRejection} travels
 * as the exception's details, which Axon hands to the sender of the query.
 *
 * <p>Axon Server passes the details on but not the exception class; {@code RemoteQueryErrorsTest} runs the rejection
 * through Axon Server's serializer of query responses.
 */
public final class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private Rejections() {
    }

    /**
     * Returns the exception for a rejected query.
     *
     * @param resource what was requested, without any of its values
     * @param rule     the rule that applies to the caller
     * @param reason   why the resource is outside the rule, without any of its values
     */
    public static QueryExecutionException reject(Caller caller, String resource, String rule, String reason) {
        String message = rule + "; " + reason + ".";
        log.warn("Rejected the query for {} by user {}: {}", resource, caller.user(), message);
        QueryRejection rejection = new QueryRejection(ErrorCode.NOT_PERMITTED, caller.user().value(), resource, rule,
                message);
        return new QueryExecutionException(message, null, rejection);
    }

    /** Returns the rejection of one incident, whose wording is the same whether the incident exists or not. */
    public static QueryExecutionException rejectIncident(Visibility visibility, String incidentId) {
        return reject(visibility.caller(), "incident " + incidentId, visibility.describe(),
                "incident " + incidentId + " is not one of them");
    }
}
