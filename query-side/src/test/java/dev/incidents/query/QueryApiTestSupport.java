package dev.incidents.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestOrganisation;
import dev.incidents.query.testing.TestStores;

/**
 * Runs the whole query side on a random loopback port, with the event table in an in-memory H2 database and the read
 * models in an in-JVM MongoDB server. Tests append events to the event table and wait until the tracking processors
 * have projected them, then read through MockMvc as a user of {@link TestOrganisation}, authenticated by the real
 * security filters. Each subclass owns its stores and passes them to Spring in a {@code @DynamicPropertySource}
 * method.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class QueryApiTestSupport {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    /** The user who polls the projection status. */
    private static final ApiUser STATUS_READER = ApiUser.basic("audrey");

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected ObjectMapper json;

    protected abstract TestStores stores();

    @DynamicPropertySource
    static void organisation(DynamicPropertyRegistry registry) {
        TestOrganisation.register(registry);
    }

    /** Appends the events and waits until every processor has projected them. */
    protected void project(IncidentEvent... events) throws Exception {
        stores().events().append(events);
        awaitCaughtUp();
    }

    protected void awaitCaughtUp() throws Exception {
        long head = stores().events().appended();
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        JsonNode status = status();
        while (!(status.get("caughtUp").asBoolean() && status.get("head").asLong() == head)) {
            assertThat(Instant.now()).as("time to catch up with %s events; last status %s", head, status)
                    .isBefore(deadline);
            Thread.sleep(100);
            status = status();
        }
    }

    private JsonNode status() throws Exception {
        return json.readTree(perform(STATUS_READER, get("/api/projections")).getResponse().getContentAsString());
    }

    /** Sends the request as {@code user} and returns the result. */
    protected MvcResult perform(ApiUser user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user.authentication())).andReturn();
    }

    /**
     * Sends a GET as {@code user}, checks the status and returns the body as JSON. The path is sent as written, so
     * percent-encode what the test means as data.
     */
    protected JsonNode read(ApiUser user, String path, int expectedStatus) throws Exception {
        MvcResult result = perform(user, get(URI.create(path)));
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as("status of GET %s as %s with body %s", path,
                user.name(), body).isEqualTo(expectedStatus);
        return json.readTree(body);
    }
}
