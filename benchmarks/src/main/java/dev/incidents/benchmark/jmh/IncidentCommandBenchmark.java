package dev.incidents.benchmark.jmh;

import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.IncidentStatus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command handling of the {@code Incident} aggregate through Axon: a report on an empty store, the lifecycle from
 * report to closure, and one resolution of an incident that is first loaded from 10 or 100 stored events. Reports
 * record the standard service level terms, so the clocks run as on the shipped configuration.
 *
 * <p>Before each operation, outside the measured time, the store is set back to the events that operation expects
 * (see {@link IncidentCommandBus}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IncidentCommandBenchmark {

    static final IncidentId INCIDENT = new IncidentId("INC-1");

    /** A store emptied before every operation. */
    @State(Scope.Thread)
    public static class EmptyStore {

        CommandMessage<?> report;
        List<CommandMessage<?>> reportToClose;
        IncidentCommandBus bus;

        @Setup(Level.Trial)
        public void prepare() {
            bus = new IncidentCommandBus(new IncidentCommandBus.Model(
                    reportedAt -> ServiceLevelSamples.standardTerms()));
            report = IncidentSamples.report(INCIDENT);
            reportToClose = IncidentSamples.reportToClose(INCIDENT);

            // Fails the trial at once if a rule rejects a step, instead of measuring rejections.
            Object last = null;
            for (CommandMessage<?> command : reportToClose) {
                last = bus.dispatch(command);
            }
            if (!(last instanceof IncidentStatus status) || status.state() != IncidentState.CLOSED) {
                throw new IllegalStateException("the lifecycle from report to closure ended with " + last
                        + " instead of a CLOSED incident");
            }
        }

        @Setup(Level.Invocation)
        public void empty() {
            bus.replaceEvents(List.of());
        }
    }

    /** A store set back before every operation to the same history of {@code events} events of one incident. */
    @State(Scope.Thread)
    public static class StoreWithHistory {

        @Param({"10", "100"})
        int events;

        List<? extends DomainEventMessage<?>> history;
        CommandMessage<?> resolve;
        IncidentCommandBus bus;

        @Setup(Level.Trial)
        public void record() {
            bus = new IncidentCommandBus(new IncidentCommandBus.Model(
                    reportedAt -> ServiceLevelSamples.standardTerms()));
            for (CommandMessage<?> command : IncidentSamples.history(INCIDENT, events)) {
                bus.dispatch(command);
            }
            history = bus.events(INCIDENT);
            if (history.size() != events) {
                throw new IllegalStateException("the recorded history of " + INCIDENT + " has " + history.size()
                        + " events instead of " + events);
            }
            resolve = IncidentSamples.resolve(INCIDENT, events);
        }

        @Setup(Level.Invocation)
        public void restore() {
            bus.replaceEvents(history);
        }
    }

    /** Reports a new incident: the aggregate is created, and the repository finds no events to load. */
    @Benchmark
    public Object report(EmptyStore store) {
        return store.bus.dispatch(store.report);
    }

    /** Reports, assigns, accepts, resolves and closes one incident, each command loading the events before it. */
    @Benchmark
    public Object reportToClose(EmptyStore store) {
        Object status = null;
        for (CommandMessage<?> command : store.reportToClose) {
            status = store.bus.dispatch(command);
        }
        return status;
    }

    /** Resolves an IN_PROGRESS incident that the repository first loads from its stored events. */
    @Benchmark
    public Object resolveAfterHistory(StoreWithHistory store) {
        return store.bus.dispatch(store.resolve);
    }
}
