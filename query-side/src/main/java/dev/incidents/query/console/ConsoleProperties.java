package dev.incidents.query.console;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the web console that the query side serves under {@code /console/}.
 *
 * @param commandUrl base URL of the command side as the browser reaches it, such as {@code http://127.0.0.1:8080};
 *                   the console sends its commands there
 */
@ConfigurationProperties("incidents.console")
record ConsoleProperties(URI commandUrl) {

    ConsoleProperties {
        if (commandUrl == null) {
            throw new IllegalArgumentException("incidents.console.command-url is missing: set it to the command side's"
                    + " base URL as the browser reaches it, such as http://127.0.0.1:8080");
        }
        if (!"http".equals(commandUrl.getScheme()) && !"https".equals(commandUrl.getScheme())) {
            throw new IllegalArgumentException("incidents.console.command-url '" + commandUrl + "' is invalid: use an"
                    + " http or https URL, such as http://127.0.0.1:8080");
        }
    }

    /** Returns the command URL without a trailing slash, so the console can append {@code /api/...}. */
    String commandBaseUrl() {
        String url = commandUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
