package dev.incidents.benchmark.jmh;

import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.command.incident.DuplicateRegistry;
import dev.incidents.command.incident.Incident;
import dev.incidents.command.incident.LifecycleProperties;
import dev.incidents.command.incident.PriorityMatrix;
import dev.incidents.command.incident.ServiceLevelTermsSource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.time.Duration;
import java.util.List;

/**
 * Axon's command handling for {@link Incident} over an in-memory event store: a simple command bus, Axon's
 * aggregate command handler and an event sourcing repository, so every command loads the incident from its
 * events as the server's repository does when the incident is not cached.
 *
 * <p>A benchmark creates one bus per trial and calls {@link #replaceEvents} before each measured operation, so every
 * operation finds the same stored events (see {@link ReplaceableStorageEngine}). The in-memory engine keeps event
 * objects as they are, so loading here deserializes nothing, where the server's JDBC store reads every event back
 * with its serializer.
 */
final class IncidentCommandBus {

    private final ReplaceableStorageEngine storage = new ReplaceableStorageEngine();
    private final SimpleCommandBus commandBus;

    /** Creates a bus over an empty store. */
    IncidentCommandBus(Model model) {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        EventSourcingRepository<Incident> repository = EventSourcingRepository.builder(Incident.class)
                .aggregateModel(model.aggregate)
                .eventStore(eventStore)
                .build();

        commandBus = SimpleCommandBus.builder().build();
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(model.correlation));
        AggregateAnnotationCommandHandler.<Incident>builder()
                .aggregateType(Incident.class)
                .aggregateModel(model.aggregate)
                .repository(repository)
                .build()
                .subscribe(commandBus);
    }

    /** Replaces every stored event by {@code history}, which may be empty. */
    void replaceEvents(List<? extends DomainEventMessage<?>> history) {
        storage.replace(history);
    }

    /**
     * Handles the command on the calling thread and returns its result.
     *
     * @throws IllegalStateException with the command's name and the cause when the aggregate rejects it
     */
    <C> Object dispatch(CommandMessage<C> command) {
        FutureCallback<C, Object> callback = new FutureCallback<>();
        commandBus.dispatch(command, callback);

        CommandResultMessage<?> result = callback.getResult();
        if (result.isExceptional()) {
            throw new IllegalStateException("command " + command.getCommandName() + " failed: "
                    + result.exceptionResult().getMessage(), result.exceptionResult());
        }
        return result.getPayload();
    }

    /** Returns the stored events of one incident, in order. */
    List<? extends DomainEventMessage<?>> events(IncidentId incidentId) {
        return storage.readEvents(incidentId.value()).asStream().toList();
    }

    /**
     * The parts that every bus shares: the inspected aggregate with the resources its handlers take, and the
     * correlation data copied from commands to events. Inspecting the aggregate reads every handler by reflection,
     * so a benchmark creates this once per trial.
     */
    static final class Model {

        /** Registry for the duplicate-marking handler, which Axon cannot inspect without it. No benchmark uses it. */
        private static final DuplicateRegistry NO_DUPLICATE_MARKING = new DuplicateRegistry() {
            @Override
            public DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId) {
                throw new UnsupportedOperationException("the benchmarks do not mark duplicates, but "
                        + duplicateId + " was marked as a duplicate of " + originalId);
            }

            @Override
            public void link(IncidentId duplicateId, IncidentId originalId) {
                throw new UnsupportedOperationException("the benchmarks do not mark duplicates, but "
                        + duplicateId + " was linked to " + originalId);
            }
        };

        private final AggregateModel<Incident> aggregate;
        private final List<CorrelationDataProvider> correlation;

        /**
         * Creates the model with the server's default lifecycle timers and priority matrix, the organisation of
         * {@link IncidentSamples}, and {@code serviceLevels} for the terms that reports record.
         */
        Model(ServiceLevelTermsSource serviceLevels) {
            LifecycleProperties lifecycle = new LifecycleProperties(false, false, Duration.ofDays(14),
                    Duration.ofDays(5), Duration.ofHours(4));
            List<Object> resources = List.of(new DiscardingDeadlineManager(), lifecycle, PriorityMatrix.ITIL,
                    IncidentSamples.GROUPS, serviceLevels, NO_DUPLICATE_MARKING);
            ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(Incident.class),
                    new SimpleResourceParameterResolverFactory(resources));
            aggregate = AnnotatedAggregateMetaModelFactory.inspectAggregate(Incident.class, resolvers);
            // The same keys as the server's provenance provider, after Axon's correlation and trace ids.
            correlation = List.of(new MessageOriginProvider(),
                    new SimpleCorrelationDataProvider(ImportMetaData.SOURCE, ImportMetaData.POSITION,
                            ImportMetaData.SOURCE_STATUS, CallerMetaData.USER, CallerMetaData.ORGANISATION_VERSION));
        }
    }
}
