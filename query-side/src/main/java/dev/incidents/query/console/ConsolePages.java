package dev.incidents.query.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Sends the folder addresses of the console to their pages, which static resources alone would not do:
 * {@code /console/} to the sign-in page and {@code /console/dashboard/}, the address the navigation links to, to the
 * dashboard's page.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/index.html");
        registry.addRedirectViewController("/console/", "/console/index.html");
        registry.addRedirectViewController("/console/dashboard", "/console/dashboard/index.html");
        registry.addRedirectViewController("/console/dashboard/", "/console/dashboard/index.html");
    }
}
