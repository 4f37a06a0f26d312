package dev.incidents.api.error;

/**
 * Details of a query the caller may not send: who asked, for what, and the rule that rejected it. The query side
 * puts it in the details of a {@code QueryExecutionException}, so a client maps it to HTTP 403 without parsing the
 * message, also through Axon Server. It never contains values of the rejected resource.
 *
 * @param code     always {@link ErrorCode#NOT_PERMITTED}
 * @param user     the caller's user id
 * @param resource what was requested, such as {@code incident INC-7} or {@code requester queue of carol}
 * @param rule     the visibility rule that applies to this caller
 * @param message  the rule and the resource in one sentence
 */
public record QueryRejection(ErrorCode code, String user, String resource, String rule, String message) {
}
