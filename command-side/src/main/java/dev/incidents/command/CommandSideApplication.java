package dev.incidents.command;

import dev.incidents.access.security.AccessConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The command side: the incident aggregate, its REST API, the importer and, by default, the embedded stores. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(AccessConfiguration.class)
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
