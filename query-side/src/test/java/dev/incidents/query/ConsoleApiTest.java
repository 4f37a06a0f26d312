package dev.incidents.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The web console's files and settings, readable without credentials, and the caller endpoint the console signs in
 * with, which like every other API path needs them.
 */
class ConsoleApiTest extends QueryApiTestSupport {

    static final TestStores STORES = TestStores.start();

    private static final String COMMAND_URL = "http://127.0.0.1:18080";

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        STORES.register(registry);
        registry.add("incidents.console.command-url", () -> COMMAND_URL + "/");
    }

    @Override
    protected TestStores stores() {
        return STORES;
    }

    @Test
    void consoleFilesNeedNoCredentials() throws Exception {
        for (String path : List.of("/console/index.html", "/console/queues.html", "/console/incident.html",
                "/console/api.js", "/console/permits.js", "/console/console.css")) {
            MvcResult result = mvc.perform(get(path)).andReturn();

            assertThat(result.getResponse().getStatus()).as("status of GET %s", path).isEqualTo(200);
            assertThat(result.getResponse().getContentAsString()).as("body of GET %s", path).isNotBlank();
        }
    }

    @Test
    void consoleRootRedirectsToSignIn() throws Exception {
        for (String path : List.of("/console", "/console/")) {
            MvcResult result = mvc.perform(get(path)).andReturn();

            assertThat(result.getResponse().getStatus()).as("status of GET %s", path).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).as("redirect of GET %s", path)
                    .isEqualTo("/console/index.html");
        }
    }

    @Test
    void dashboardFolderRedirectsToItsPage() throws Exception {
        MvcResult result = mvc.perform(get("/console/dashboard/")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/console/dashboard/index.html");
    }

    @Test
    void settingsNameCommandSideWithoutTrailingSlash() throws Exception {
        MvcResult result = mvc.perform(get("/console/settings.json")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(json.readTree(result.getResponse().getContentAsString()).path("commandUrl").asText())
                .isEqualTo(COMMAND_URL);
    }

    @Test
    void permitCoversOnlyReadsOfConsole() throws Exception {
        List<String> unauthenticated = List.of("/api/caller", "/api/queues/service-desk", "/api/incidents/INC-1",
                "/consoles/index.html");
        for (String path : unauthenticated) {
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).as("GET %s", path)
                    .isEqualTo(401);
        }
        assertThat(mvc.perform(post("/console/index.html")).andReturn().getResponse().getStatus())
                .as("POST /console/index.html").isEqualTo(401);
    }

    @Test
    void callerShowsRolesAndGroups() throws Exception {
        JsonNode caller = read(ApiUser.basic("stan"), "/api/caller", 200);

        assertThat(caller.path("user").asText()).isEqualTo("stan");
        assertThat(texts(caller.path("roles"))).containsExactlyInAnyOrder("SPECIALIST", "MANAGER");
        assertThat(texts(caller.path("groups"))).containsExactly("NETWORK");
        assertThat(texts(caller.path("managedGroups"))).contains("DATABASE");
        assertThat(caller.path("serviceDeskGroup").asText()).isEqualTo("SERVICE-DESK");
    }

    @Test
    void callerRejectsWrongPassword() throws Exception {
        MvcResult result = mvc.perform(get("/api/caller").with(httpBasic("stan", "not-the-password"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getContentAsString()).contains("password is wrong");
    }

    @Test
    void callerRejectsQueryParameters() throws Exception {
        JsonNode problem = read(ApiUser.basic("stan"), "/api/caller?user=rita", 400);

        assertThat(problem.path("detail").asText()).contains("user");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
