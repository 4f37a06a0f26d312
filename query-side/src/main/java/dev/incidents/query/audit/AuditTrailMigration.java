package dev.incidents.query.audit;

import java.util.List;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Rebuilds the audit trail of a read store written in the earlier layout, which kept one document per event in
 * {@code audit_entries} and the incidents' values in {@code audit_states}. Without this, the processor's stored token
 * would be at the head of the event store while {@code audit_trails} stays empty.
 */
@Configuration(proxyBeanMethods = false)
class AuditTrailMigration {

    /** Collections of the earlier audit trail layout. */
    static final List<String> OBSOLETE_COLLECTIONS = List.of("audit_entries", "audit_states");

    private static final Logger log = LoggerFactory.getLogger(AuditTrailMigration.class);

    /** Runs {@link #rebuildIfObsolete} in the start phase just before the event processors start. */
    @Bean
    ConfigurerModule auditTrailMigrationModule(MongoOperations mongo) {
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                Phase.INBOUND_EVENT_CONNECTORS - 1,
                () -> rebuildIfObsolete(mongo, configuration.eventProcessingConfiguration())));
    }

    /**
     * Resets the audit trail processor when a collection of the earlier layout exists, then drops those collections.
     * The reset calls the projection's reset handler and makes the processor replay every event when it starts. A
     * failure before the drop leaves the collections, so the next start resets again.
     *
     * @throws org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException when another instance has claimed
     *         the processor's token; the claim expires after the token store's claim timeout
     */
    static void rebuildIfObsolete(MongoOperations mongo, EventProcessingConfiguration eventProcessing) {
        List<String> obsolete = OBSOLETE_COLLECTIONS.stream().filter(mongo::collectionExists).toList();
        if (obsolete.isEmpty()) {
            return;
        }
        StreamingEventProcessor processor = eventProcessing
                .eventProcessor(AuditTrailProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming event processor named "
                        + AuditTrailProjection.PROCESSING_GROUP + " exists to rebuild " + AuditTrailCollection.NAME));

        log.info("Found {} of an earlier audit trail layout: resetting the {} processor to rebuild {} from the event "
                + "store", obsolete, AuditTrailProjection.PROCESSING_GROUP, AuditTrailCollection.NAME);
        processor.resetTokens();
        obsolete.forEach(mongo::dropCollection);
        log.info("Dropped {}; the {} processor replays every event when it starts", obsolete,
                AuditTrailProjection.PROCESSING_GROUP);
    }
}
