package dev.incidents.query.console;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.incidents.query.web.QueryParameters;

/**
 * Tells the console's pages where the command side is: {@code GET /console/settings.json} returns
 * {@code {"commandUrl": "..."}} from {@code incidents.console.command-url}. It is readable without credentials,
 * like the pages themselves, because the sign-in page needs it before anyone has signed in.
 */
@RestController
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSettingsController {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSettingsController.class);

    private final ConsoleProperties properties;

    ConsoleSettingsController(ConsoleProperties properties) {
        this.properties = properties;
        log.info("Web console at /console/ sends commands to {}", properties.commandBaseUrl());
    }

    @GetMapping(path = "/console/settings.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> settings(HttpServletRequest request) {
        QueryParameters.check(request);
        return Map.of("commandUrl", properties.commandBaseUrl());
    }
}
