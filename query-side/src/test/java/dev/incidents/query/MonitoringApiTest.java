package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.reported;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;

import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;

/**
 * The query side's event store health component and Prometheus endpoint. Spring Boot's tests switch metrics export
 * off unless they ask for it, hence {@link AutoConfigureObservability}.
 */
@AutoConfigureObservability(tracing = false)
class MonitoringApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final ApiUser ADAM = ApiUser.basic("adam");
    private static final ApiUser AUDREY = ApiUser.basic("audrey");
    private static final Instant NINE = Instant.parse("2025-03-03T09:00:00Z");

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @BeforeAll
    static void appendIncidents() {
        STORES.events().append(reported("M-1", "rita", NINE), reported("M-2", "rita", NINE));
    }

    @BeforeEach
    void projected() throws Exception {
        awaitCaughtUp();
    }

    @Test
    void healthReportsEventStoreHead() throws Exception {
        JsonNode eventStore = read(ADAM, "/actuator/health", 200).path("components").path("eventStore");

        assertThat(eventStore.path("status").asText()).isEqualTo("UP");
        assertThat(eventStore.path("details").path("head").asLong()).isEqualTo(STORES.events().appended());
    }

    @Test
    void prometheusShowsProjectionLag() throws Exception {
        MvcResult scrape = perform(ADAM, get("/actuator/prometheus"));

        assertThat(scrape.getResponse().getStatus()).isEqualTo(200);
        List<String> lag = Arrays.stream(scrape.getResponse().getContentAsString().split("\n"))
                .filter(line -> line.startsWith("incidents_projection_lag_events{"))
                .filter(line -> line.contains("processor=\"incident-summary\""))
                .toList();
        assertThat(lag).hasSize(1);
        assertThat(Double.parseDouble(lag.get(0).substring(lag.get(0).lastIndexOf(' ') + 1))).isZero();
        assertThat(lag.get(0)).contains("application=\"incident-query-side\"");
    }

    @Test
    void prometheusNeedsAdmin() throws Exception {
        assertThat(perform(AUDREY, get("/actuator/prometheus")).getResponse().getStatus()).isEqualTo(403);
    }
}
