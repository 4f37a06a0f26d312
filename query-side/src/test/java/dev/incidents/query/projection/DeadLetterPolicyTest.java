package dev.incidents.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;

class DeadLetterPolicyTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy("incident-summary");
    private final EventMessage<String> event = GenericEventMessage.asEventMessage("payload");

    @Test
    void databaseFailureRetriesBatch() {
        Exception cause = new DataAccessResourceFailureException("read failed",
                new MongoSocketReadException("connection reset", new ServerAddress("127.0.0.1", 27117)));

        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("INC-1", event, cause), cause))
                .isInstanceOf(ProjectionFailureRetriedException.class)
                .hasCause(cause)
                .hasMessageContaining(event.getIdentifier());
    }

    @Test
    void missingStateRetriesBatch() {
        Exception cause = new ReadModelStateMissingException("summary of incident INC-1 is missing");

        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("INC-1", event, cause), cause))
                .isInstanceOf(ProjectionFailureRetriedException.class)
                .hasMessageContaining("summary of incident INC-1 is missing");
    }

    @Test
    void eventFailureParksWithoutRetries() {
        Exception cause = new IllegalArgumentException("no projection rule for event type Payload");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("INC-1", event, cause),
                cause);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).isPresent();
        assertThat(decision.enqueueCause().get().getMessage()).contains("no projection rule");
        DeadLetter<? extends EventMessage<?>> parked = decision.withDiagnostics(new GenericDeadLetter<>("INC-1", event));
        assertThat(DeadLetterPolicy.retriesOf(parked)).isZero();
        assertThat(parked.diagnostics()).containsKey(DeadLetterPolicy.RETRIES);
    }

    @Test
    void failedRetryCountsUpWhateverCause() {
        @SuppressWarnings("unchecked")
        MongoDeadLetter<EventMessage<?>> stored = mock(MongoDeadLetter.class);
        doReturn(event).when(stored).message();
        when(stored.diagnostics()).thenReturn(MetaData.with(DeadLetterPolicy.RETRIES, 2L));
        Exception cause = new DataAccessResourceFailureException("read failed");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(stored, cause);

        assertThat(decision.shouldEnqueue()).isTrue();
        DeadLetter<? extends EventMessage<?>> requeued = decision.withDiagnostics(
                new GenericDeadLetter<>("INC-1", event).withDiagnostics(MetaData.with(DeadLetterPolicy.RETRIES, 2L)));
        assertThat(DeadLetterPolicy.retriesOf(requeued)).isEqualTo(3);
    }
}
