package dev.incidents.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.query.testing.TestCurrentCaller;
import dev.incidents.query.testing.TestStores;

/**
 * Runs the whole query side on a random loopback port, with the event table in an in-memory H2 database and the read
 * models in an in-JVM MongoDB server. Tests append events to the event table and wait until the tracking processors
 * have projected them, then read through MockMvc as the caller they set. Each subclass owns its stores and passes
 * them to Spring in a {@code @DynamicPropertySource} method.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(TestCurrentCaller.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class QueryApiTestSupport {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected ObjectMapper json;

    protected abstract TestStores stores();

    @AfterEach
    void resetCaller() {
        TestCurrentCaller.reset();
    }

    @AfterAll
    static void resetCallerForOtherClasses() {
        TestCurrentCaller.reset();
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
        return json.readTree(mvc.perform(get("/api/projections")).andReturn().getResponse().getContentAsString());
    }

    /** Sends the request as {@code caller} and returns the result. */
    protected MvcResult perform(Caller caller, MockHttpServletRequestBuilder request) throws Exception {
        TestCurrentCaller.set(caller);
        return mvc.perform(request).andReturn();
    }

    /**
     * Sends a GET as {@code caller}, checks the status and returns the body as JSON. The path is sent as written, so
     * percent-encode what the test means as data.
     */
    protected JsonNode read(Caller caller, String path, int expectedStatus) throws Exception {
        MvcResult result = perform(caller, get(URI.create(path)));
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as("status of GET %s as %s with body %s", path,
                caller.user(), body).isEqualTo(expectedStatus);
        return json.readTree(body);
    }
}
