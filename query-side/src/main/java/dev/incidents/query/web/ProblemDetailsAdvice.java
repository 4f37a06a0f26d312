package dev.incidents.query.web;

import java.util.concurrent.CompletionException;

import org.axonframework.messaging.HandlerExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.DisconnectedClientHelper;

import dev.incidents.access.problem.ProblemDetailsExceptionHandler;
import dev.incidents.access.problem.Problems;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.error.QueryRejection;

/**
 * Renders every failed request as an RFC 9457 problem detail with a stable {@code code} and a matching
 * {@code type}: Spring MVC's own exceptions and {@link org.springframework.web.ErrorResponseException}s through the
 * base class, queries the caller may not send as 403, an unreachable MongoDB as 503, and any other failure as 500.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ProblemDetailsExceptionHandler {

    /** A query failed on the server (HTTP 500). */
    static final String QUERY_FAILED = "QUERY_FAILED";
    /** The read store, MongoDB, cannot be reached (HTTP 503). */
    static final String READ_STORE_UNAVAILABLE = "READ_STORE_UNAVAILABLE";
    /** Seconds a client waits before it retries a read that found MongoDB or the event store unreachable. */
    static final int READ_STORE_RETRY_AFTER_SECONDS = 10;
    /** The event store cannot be reached (HTTP 503). */
    static final String EVENT_STORE_UNAVAILABLE = "EVENT_STORE_UNAVAILABLE";

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /**
     * Maps the failure of a query. A local query bus passes the handler's exception on, maybe wrapped in a
     * {@link CompletionException}; Axon Server passes a {@link HandlerExecutionException} with the same details.
     */
    @ExceptionHandler({CompletionException.class, HandlerExecutionException.class})
    ResponseEntity<ProblemDetail> handleQueryFailure(Exception exception, WebRequest request) {
        QueryRejection rejection = rejectionIn(exception);
        if (rejection == null) {
            return failed(exception, request);
        }
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, ErrorCode.NOT_PERMITTED,
                "Not permitted for this user", rejection.message());
        problem.setProperty("user", rejection.user());
        problem.setProperty("resource", rejection.resource());
        problem.setProperty("rule", rejection.rule());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception exception, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(exception)) {
            // A client that stops reading a long export is no failure of the server, and no response can reach it.
            log.info("Stopped request {}: the client closed the connection", request.getDescription(false));
            return null;
        }
        return failed(exception, request);
    }

    /**
     * Maps a failure that is not a rejection: 503 with {@code Retry-After} when MongoDB or the event store cannot be
     * reached, because a retry can succeed once it is back, and 500 otherwise. The query side reads the event store
     * for the views as of an instant, the service level readings, the hash chain checks and the progress of
     * projections and rebuilds.
     */
    private static ResponseEntity<ProblemDetail> failed(Exception exception, WebRequest request) {
        // Checked first: Spring's CannotGetJdbcConnectionException is a DataAccessResourceFailureException too.
        Throwable eventStoreUnreachable = EventStoreFailures.unreachableCause(exception);
        if (eventStoreUnreachable != null) {
            log.warn("Request {} failed because the event store cannot be reached: {}",
                    request.getDescription(false), eventStoreUnreachable.toString());
            return unavailable(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, EVENT_STORE_UNAVAILABLE,
                    "Event store unavailable", "The event store cannot be reached, so the request could not be"
                            + " served. In the embedded default the command side hosts it: check that it runs"
                            + " (bin/incidents status) and retry after " + READ_STORE_RETRY_AFTER_SECONDS
                            + " seconds."));
        }

        // NOTE: a query handled by another instance through Axon Server arrives as a HandlerExecutionException whose
        // cause holds only the remote exception's text, so an unreachable MongoDB there still maps to 500.
        Throwable unreachable = ReadStoreFailures.unreachableCause(exception);
        if (unreachable == null) {
            return ResponseEntity.internalServerError().body(unexpected(exception, request));
        }

        log.warn("Request {} failed because the read store (MongoDB) cannot be reached: {}",
                request.getDescription(false), unreachable.toString());
        return unavailable(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, READ_STORE_UNAVAILABLE,
                "Read store unavailable", "The read store (MongoDB) cannot be reached, so the query could not run."
                        + " Retry after " + READ_STORE_RETRY_AFTER_SECONDS + " seconds."));
    }

    private static ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(READ_STORE_RETRY_AFTER_SECONDS))
                .body(problem);
    }

    @Override
    protected String apiPaths() {
        return "The query API is under /api/incidents, /api/queues, /api/statistics, /api/service-levels,"
                + " /api/analytics, /api/projections, /api/organisation and /api/refusals.";
    }

    @Override
    protected String codeFor(int status) {
        return status == HttpStatus.INTERNAL_SERVER_ERROR.value() ? QUERY_FAILED : super.codeFor(status);
    }

    private static QueryRejection rejectionIn(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof HandlerExecutionException handlerFailure
                    && handlerFailure.getDetails().orElse(null) instanceof QueryRejection rejection) {
                return rejection;
            }
        }
        return null;
    }

    private static ProblemDetail unexpected(Exception exception, WebRequest request) {
        log.error("Request {} failed", request.getDescription(false), exception);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, QUERY_FAILED, "Query failed",
                "The query failed on the server; the server log has the cause. Retry later.");
    }
}
