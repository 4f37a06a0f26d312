package dev.incidents.command.config;

import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.incident.ImportMetaData;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon settings of the command side that Spring Boot's auto-configuration does not cover. */
@Configuration
class AxonConfiguration {

    /**
     * Keeps loaded incidents in memory between commands, so a command does not read the incident's whole
     * history again. Entries are dropped when the JVM needs the memory.
     */
    @Bean
    Cache incidentCache() {
        return new WeakReferenceCache();
    }

    /**
     * Copies into the metadata of the events a command causes: the import provenance, and the authenticated user
     * with the organisation version their command was checked against.
     */
    @Bean
    CorrelationDataProvider provenanceProvider() {
        return new SimpleCorrelationDataProvider(ImportMetaData.SOURCE, ImportMetaData.POSITION,
                ImportMetaData.SOURCE_STATUS, CallerMetaData.USER, CallerMetaData.ORGANISATION_VERSION);
    }
}
