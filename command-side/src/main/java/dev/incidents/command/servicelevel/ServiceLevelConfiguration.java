package dev.incidents.command.servicelevel;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of calendars and policies: routing of their commands, the catalogue's processor and the file. */
@Configuration
class ServiceLevelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelConfiguration.class);

    @Bean(ServiceLevelStreams.TARGET_RESOLVER)
    CommandTargetResolver serviceLevelTargetResolver() {
        return new ServiceLevelStreams.TargetResolver();
    }

    /**
     * Runs the catalogue's handlers in the thread of the command that saves a version. A tracking processor would
     * lag behind, and without a persistent token it would read the whole event store at every start.
     */
    @Autowired
    void subscribeCatalogue(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(ServiceLevelCatalogue.PROCESSING_GROUP);
    }

    /** Reads the service levels file while the context starts, so an invalid file stops the server at once. */
    @Bean
    ServiceLevelSeed serviceLevelSeed(ServiceLevelProperties properties) {
        ServiceLevelSeed seed = new ServiceLevelsFileReader().read(properties.file());
        log.info("Service levels file {} lists calendars {} and policies {}", properties.file(),
                seed.calendars().stream().map(ServiceLevelSeed.Calendar::id).toList(),
                seed.policies().stream().map(ServiceLevelSeed.Policy::id).toList());
        return seed;
    }
}
