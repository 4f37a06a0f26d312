package dev.incidents.access.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets malformed request paths reach the application, or at least get a problem detail, instead of Tomcat's HTML
 * error page. Both sides import it through the access configuration, so both reject such requests alike.
 *
 * <ul>
 *     <li>An encoded slash ({@code %2F}) or backslash ({@code %5C}) passes through Tomcat undecoded, so it stays
 *     inside one path segment and never changes which endpoint a path reaches. Spring Security's firewall then
 *     rejects the request with a problem detail, before authentication.</li>
 *     <li>Requests that Tomcat still rejects while parsing the request line or the headers get their problem detail
 *     from {@link ProblemJsonErrorReportValve}, which replaces the host's HTML error report.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TomcatProblemConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailsForRejectedRequests() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
                connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            });
            factory.addContextCustomizers(context -> replaceErrorReport(context.getParent()));
        };
    }

    /**
     * Removes the HTML error report valves from the host, among them the one Spring Boot adds, and makes the host
     * install {@link ProblemJsonErrorReportValve} when it starts.
     */
    private static void replaceErrorReport(Container host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemJsonErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
        }
    }
}
