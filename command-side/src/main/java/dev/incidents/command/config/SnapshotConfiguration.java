package dev.incidents.command.config;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Snapshots of incidents with long histories. Axon counts the events of an incident since its last snapshot, those
 * read while loading it and those its commands apply. At {@code threshold} its snapshotter stores the whole
 * aggregate, serialized by the general (Jackson) serializer, on a thread of its own after the command's unit of work
 * commits. The next load reads that snapshot and only the events after it.
 * Snapshots are only an optimisation of loading: the as-of reads, the hash chain verification and the exports of
 * the query side read the events themselves through the storage engine, which never returns snapshots.
 */
@Configuration
class SnapshotConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SnapshotConfiguration.class);

    /**
     * Creates the trigger for {@code Incident}. The default of 100 events comes from IncidentLoadMeasurementTest
     * (docs/benchmarks.md). Loading cost about 0.04 ms per event (42 ms for 1,000 events, 82 ms for 2,000) and a
     * snapshot load about 0.4 ms, the time of some 10 events. With 100, a load costs at most about 4 ms, and the
     * snapshot, which rereads those events once, delays one command in 100 of that incident by about as much. An
     * average BPIC 2013 incident has 9 events and never gets one, so snapshots only serve the long histories.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService incidentSnapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "incident-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Axon's snapshotter as its auto-configuration builds it, but taking each snapshot on its own thread. Axon's
     * default takes it on the command's thread while the command still holds the incident's lock, in a second
     * transaction. When every connection of the pool belonged to commands waiting for that lock, the snapshot waited
     * for a connection until the pool timed out. Under 200 live work notes per second on 20 incidents, a command
     * failed with 500 after 30 s.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    ExecutorService incidentSnapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(incidentSnapshotExecutor)
                .build();
    }

    @Bean
    SnapshotTriggerDefinition incidentSnapshotTrigger(Snapshotter snapshotter,
                                                      @Value("${incidents.snapshots.threshold:100}") int threshold) {
        if (threshold <= 0) {
            log.info("Incident snapshots are off (incidents.snapshots.threshold={})", threshold);
            return NoSnapshotTriggerDefinition.INSTANCE;
        }
        log.info("Incidents get a snapshot every {} events", threshold);
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
