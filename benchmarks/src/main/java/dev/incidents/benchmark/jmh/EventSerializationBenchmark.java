package dev.incidents.benchmark.jmh;

import dev.incidents.api.incident.IncidentId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Serializes an event payload to bytes and reads it back with the command side's Jackson serializer, as the
 * event store does for each event it writes and each event it loads. The events are those the aggregate records
 * for the sample incident, and {@link TrivialRecord} is the reference for the fixed cost of the serializer.
 * Metadata is serialized separately by the store and is not part of these figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventSerializationBenchmark {

    /** Name of the parameter value that selects {@link TrivialRecord}. */
    static final String TRIVIAL = "TrivialRecord";

    @Param({"IncidentReported", "IncidentAssigned", "AssignmentAccepted", "WorkNoteAdded", "IncidentResolved",
            "IncidentClosed", TRIVIAL})
    String payloadType;

    private Serializer serializer;
    private Object payload;

    /** A payload with a single text field, the smallest useful thing to serialize. */
    public record TrivialRecord(String value) {
    }

    @Setup(Level.Trial)
    public void prepare() {
        serializer = ApplicationSerializer.create();
        payload = samplePayloads().get(payloadType);
        if (payload == null) {
            throw new IllegalArgumentException("unknown payload type '" + payloadType + "': use one of "
                    + samplePayloads().keySet());
        }

        Object copy = roundTrip();
        if (!payload.equals(copy)) {
            throw new IllegalStateException("the serializer read back " + copy + " instead of " + payload);
        }
    }

    @Benchmark
    public Object roundTrip() {
        SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
        return serializer.deserialize(serialized);
    }

    /**
     * Returns the first payload of each event type that the aggregate records for an incident that is reported,
     * assigned, accepted, noted, pended, resumed, resolved and closed, by simple class name, and the trivial record.
     */
    static Map<String, Object> samplePayloads() {
        IncidentId incident = new IncidentId("INC-1");
        IncidentCommandBus bus = new IncidentCommandBus(
                new IncidentCommandBus.Model(reportedAt -> ServiceLevelSamples.standardTerms()));
        List<CommandMessage<?>> commands = new ArrayList<>(IncidentSamples.history(incident, 6));
        commands.add(IncidentSamples.resolve(incident, 6));
        commands.add(IncidentSamples.close(incident, 7));
        for (CommandMessage<?> command : commands) {
            bus.dispatch(command);
        }

        Map<String, Object> payloads = new LinkedHashMap<>();
        for (DomainEventMessage<?> event : bus.events(incident)) {
            payloads.putIfAbsent(event.getPayloadType().getSimpleName(), event.getPayload());
        }
        payloads.put(TRIVIAL, new TrivialRecord("INC-1"));
        return payloads;
    }

    /** Returns the size in bytes of each sample payload as the serializer writes it, by simple class name. */
    static Map<String, Integer> serializedSizes() {
        Serializer serializer = ApplicationSerializer.create();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        samplePayloads().forEach((name, payload) ->
                sizes.put(name, serializer.serialize(payload, byte[].class).getData().length));
        return sizes;
    }
}
