package dev.incidents.command.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleCorsTest {

    private static final String CONSOLE = "http://127.0.0.1:8081";

    private final CorsConfigurationSource source = new ConsoleCors().corsConfigurationSource(List.of(CONSOLE));

    @Test
    void preflightFromConsoleIsAllowed() throws Exception {
        MockHttpServletResponse response = preflight(CONSOLE, "/api/incidents/INC-1/accept");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(CONSOLE);
        assertThat(response.getHeader("Access-Control-Allow-Methods")).isEqualTo("POST");
        // Spring echoes the requested header names, which browsers send in lower case.
        assertThat(response.getHeader("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type", "if-match", "idempotency-key");
        assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void preflightFromOtherOriginIsRejected() throws Exception {
        MockHttpServletResponse response = preflight("http://127.0.0.1:9999", "/api/incidents/INC-1/accept");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void commandResponseExposesVersionHeaders() {
        CorsConfiguration configuration = source.getCorsConfiguration(request("POST", "/api/incidents/INC-1/resolve"));

        assertThat(configuration).isNotNull();
        assertThat(configuration.getExposedHeaders()).containsExactlyInAnyOrder("ETag", "Location");
    }

    @Test
    void otherPathsHaveNoCorsConfiguration() {
        assertThat(source.getCorsConfiguration(request("POST", "/api/imports"))).isNull();
        assertThat(source.getCorsConfiguration(request("PUT", "/api/service-levels/calendars/24x7"))).isNull();
    }

    @Test
    void emptyListAllowsNoOrigin() {
        CorsConfigurationSource off = new ConsoleCors().corsConfigurationSource(List.of(" "));

        assertThat(off.getCorsConfiguration(request("POST", "/api/incidents/INC-1/accept"))).isNull();
    }

    @Test
    void originWithPathStopsStart() {
        assertThatThrownBy(() -> new ConsoleCors().corsConfigurationSource(List.of(CONSOLE + "/console/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + CONSOLE + "/console/'")
                .hasMessageContaining("incidents.console.allowed-origins");
    }

    private MockHttpServletResponse preflight(String origin, String path) throws Exception {
        MockHttpServletRequest request = request("OPTIONS", path);
        request.addHeader("Origin", origin);
        request.addHeader("Access-Control-Request-Method", "POST");
        request.addHeader("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DefaultCorsProcessor().processRequest(source.getCorsConfiguration(request), request, response);
        return response;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServerName("127.0.0.1");
        request.setServerPort(8080);
        return request;
    }
}
