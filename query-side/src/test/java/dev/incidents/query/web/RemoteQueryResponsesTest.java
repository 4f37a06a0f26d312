package dev.incidents.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.query.QuerySerializer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryResponseMessage;
import org.axonframework.queryhandling.QueryResponseMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.api.query.IncidentHistory;

/**
 * Passes list responses through Axon Server's serializer of query responses. A bare list arrives as an
 * {@code ArrayList} of maps, which the sender cannot use, so list responses are wrapped in records.
 */
class RemoteQueryResponsesTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();
    private final QuerySerializer wire = new QuerySerializer(serializer, serializer, new AxonServerConfiguration());

    private final AuditEntry entry = new AuditEntry("event-1", new IncidentId("INC-7"), 0, "IncidentReported",
            Actor.of("alice", "SERVICE-DESK"), Instant.parse("2024-03-01T08:00:00Z"),
            Instant.parse("2024-03-01T08:00:01Z"), List.of(), Map.of(), 1L);

    @Test
    void wrappedListKeepsRecordType() {
        QueryResponseMessage<IncidentHistory> sent = new GenericQueryResponseMessage<>(IncidentHistory.class,
                new IncidentHistory(List.of(entry)));

        IncidentHistory received = wire.deserializeResponse(wire.serializeResponse(sent, "request-1"),
                ResponseTypes.instanceOf(IncidentHistory.class)).getPayload();

        assertThat(received.entries()).hasSize(1);
        assertThat(received.entries().get(0)).isInstanceOf(AuditEntry.class);
        assertThat(received.entries().get(0)).isEqualTo(entry);
    }

    @Test
    void bareListLosesRecordType() {
        QueryResponseMessage<List<AuditEntry>> sent = new GenericQueryResponseMessage<>(List.of(entry));

        Object received = wire.deserializeResponse(wire.serializeResponse(sent, "request-1")).getPayload();

        assertThat(received).isInstanceOf(List.class);
        assertThat(((List<?>) received).get(0)).isNotInstanceOf(AuditEntry.class);
    }
}
