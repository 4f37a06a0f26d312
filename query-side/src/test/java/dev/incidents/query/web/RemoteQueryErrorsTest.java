package dev.incidents.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.query.QuerySerializer;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.GenericQueryResponseMessage;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryResponseMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.UserId;
import dev.incidents.query.access.Rejections;

import io.axoniq.axonserver.grpc.query.QueryResponse;

/**
 * Maps a query rejection that arrives from a remote query handler, as Axon Server delivers it, to the same 403 problem
 * as the local exception. The remote path runs Axon Server's own serializer of query responses on both sides, so the
 * rejection survives only as the details of the exception.
 */
class RemoteQueryErrorsTest {

    private static final Caller RITA = new Caller(new UserId("rita"), Set.of(Role.REQUESTER), List.of(), Set.of(), 1);

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final QuerySerializer wire = new QuerySerializer(serializer, serializer, new AxonServerConfiguration());
    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();
    private final ServletWebRequest request = new ServletWebRequest(
            new MockHttpServletRequest("GET", "/api/queues/requesters/carol"));

    @Test
    void rejectedQueryIsForbidden() {
        QueryExecutionException rejection = Rejections.reject(RITA, "requester queue of carol",
                "a requester reads their own incidents", "carol is another requester");

        ResponseEntity<ProblemDetail> local = advice.handleQueryFailure(new CompletionException(rejection), request);
        Throwable remote = remoteFailure(rejection);
        ResponseEntity<ProblemDetail> mapped = advice.handleQueryFailure(new CompletionException(remote), request);

        assertThat(remote).isInstanceOf(HandlerExecutionException.class);
        assertThat(remote.getCause()).isNotNull();
        assertThat(mapped.getStatusCode().value()).isEqualTo(403);
        assertThat(mapped.getBody().getProperties()).containsEntry("code", "NOT_PERMITTED");
        assertThat(mapped.getBody()).isEqualTo(local.getBody());
    }

    @Test
    void failureWithoutRejectionIsServerError() {
        Throwable remote = remoteFailure(new IllegalStateException("MongoDB timed out"));

        ResponseEntity<ProblemDetail> mapped = advice.handleQueryFailure(new CompletionException(remote), request);

        assertThat(mapped.getStatusCode().value()).isEqualTo(500);
        assertThat(mapped.getBody().getProperties()).containsEntry("code", ProblemDetailsAdvice.QUERY_FAILED);
    }

    /** Returns what the sender of a query receives when the remote handler threw {@code failure}. */
    private Throwable remoteFailure(Exception failure) {
        QueryResponseMessage<String> failed = new GenericQueryResponseMessage<>(String.class, (Throwable) failure);
        QueryResponse response = wire.serializeResponse(failed, "request-1");
        QueryResponseMessage<?> received = wire.deserializeResponse(response);
        assertThat(received.isExceptional()).isTrue();
        return received.exceptionResult();
    }
}
