package dev.incidents.command.servicelevel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Service level settings of the command side, under {@code incidents.service-levels}.
 *
 * @param file   the calendars and policy versions saved at start for ids that have no version yet
 * @param policy id of the policy whose versions apply to reported incidents
 */
@ConfigurationProperties("incidents.service-levels")
public record ServiceLevelProperties(Path file, @DefaultValue("standard") String policy) {

    public ServiceLevelProperties {
        file = (file == null ? Path.of("config/service-levels.yml") : file).toAbsolutePath().normalize();
        ServiceLevelIds.require("policy", policy);
    }
}
