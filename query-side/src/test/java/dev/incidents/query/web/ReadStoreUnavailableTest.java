package dev.incidents.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

/**
 * Maps a read that fails because MongoDB cannot be reached to 503 {@code READ_STORE_UNAVAILABLE} with
 * {@code Retry-After}, however the query bus or Spring wraps the driver's exception, one that fails because the event
 * store cannot be reached to 503 {@code EVENT_STORE_UNAVAILABLE}, and every other failure to 500.
 */
class ReadStoreUnavailableTest {

    private static final ServerAddress MONGO = new ServerAddress("127.0.0.1", 27017);

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();
    private final ServletWebRequest request = new ServletWebRequest(
            new MockHttpServletRequest("GET", "/api/incidents/INC0001436"));

    @Test
    void unreachableMongoThroughQueryBusIs503() {
        Map<String, Exception> failures = Map.of(
                "server selection timeout", new CompletionException(new MongoTimeoutException(
                        "Timed out while waiting for a server that matches ReadPreferenceServerSelector")),
                "refused connection in query execution", new CompletionException(new QueryExecutionException(
                        "Query handler failed", new MongoSocketOpenException("Exception opening socket", MONGO))),
                "translated by Spring Data", new QueryExecutionException("Query handler failed",
                        new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("Timed out"))),
                "socket read timeout", new CompletionException(new MongoSocketReadTimeoutException(
                        "Timeout while receiving message", MONGO, new SocketTimeoutException())));

        failures.forEach((name, failure) -> assertUnavailable(name, advice.handleQueryFailure(failure, request)));
    }

    @Test
    void unreachableMongoOutsideQueryBusIs503() {
        ResponseEntity<ProblemDetail> mapped = advice.handleUnexpected(
                new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("Timed out")), request);

        assertUnavailable("direct template read", mapped);
    }

    @Test
    void unreachableEventStoreIs503() {
        Map<String, Exception> failures = Map.of(
                "pool timeout", new EventStoreException("Failed to read the head token", new JdbcException(
                        "Failed to obtain a database connection", new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 5000ms"))),
                "connection lost", new CompletionException(new QueryExecutionException("Query handler failed",
                        new SQLNonTransientConnectionException("Connection is broken: \"session closed\""))),
                "spring translation", new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("request timed out")));

        failures.forEach((name, failure) -> {
            ResponseEntity<ProblemDetail> mapped = failure instanceof CompletionException
                    ? advice.handleQueryFailure(failure, request) : advice.handleUnexpected(failure, request);
            assertThat(mapped.getStatusCode().value()).as(name).isEqualTo(503);
            assertThat(mapped.getBody().getProperties()).as(name)
                    .containsEntry("code", ProblemDetailsAdvice.EVENT_STORE_UNAVAILABLE);
            assertThat(mapped.getBody().getDetail()).as(name).contains("event store cannot be reached", "retry after");
            assertThat(mapped.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as(name)
                    .isEqualTo(String.valueOf(ProblemDetailsAdvice.READ_STORE_RETRY_AFTER_SECONDS));
        });
    }

    @Test
    void otherFailureStaysQueryFailed() {
        ResponseEntity<ProblemDetail> mapped = advice.handleQueryFailure(new CompletionException(
                new QueryExecutionException("Query handler failed", new IllegalStateException("bad document"))),
                request);

        assertThat(mapped.getStatusCode().value()).isEqualTo(500);
        assertThat(mapped.getBody().getProperties()).containsEntry("code", ProblemDetailsAdvice.QUERY_FAILED);
        assertThat(mapped.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    private static void assertUnavailable(String name, ResponseEntity<ProblemDetail> mapped) {
        assertThat(mapped.getStatusCode().value()).as(name).isEqualTo(503);
        assertThat(mapped.getBody().getProperties()).as(name)
                .containsEntry("code", ProblemDetailsAdvice.READ_STORE_UNAVAILABLE);
        assertThat(mapped.getBody().getType().toString()).as(name).isEqualTo("/problems/read-store-unavailable");
        assertThat(mapped.getBody().getDetail()).as(name).contains("cannot be reached", "Retry after");
        assertThat(mapped.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).as(name)
                .isEqualTo(String.valueOf(ProblemDetailsAdvice.READ_STORE_RETRY_AFTER_SECONDS));
    }
}
