package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser against both servers started by {@code bin/incidents}: Debian's chromium,
 * headless, driven through chromedriver at a 1366x768 window. Selenium Manager never runs, because both executables
 * are given. Each page visited is saved as a PNG under {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REQUESTER = "rita.requester";
    private static final String MANAGER = "maria.manager";

    /**
     * A valid body for every incident command of the command API, by the last segment of its path. Each command sent
     * with it either applies or is refused for its state or its caller (403 or 409), never rejected as invalid.
     */
    private static final Map<String, String> COMMAND_BODIES = commandBodies();

    private static IncidentsStack stack;
    private static ChromeDriver browser;
    private static ChromeDriverService driverService;
    private static Path screenshots;
    private static Map<String, String> passwords;
    /** Reported by the requester, still NEW: the service desk walks through it. */
    private static String newIncident;
    /** Reported by the network specialist in their own name: the requester must not see it. */
    private static String othersIncident;

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed: apt-get install -y chromium chromium-driver");
        Path target = Path.of(System.getProperty("basedir", IncidentsStack.repoRoot().resolve("system-tests")
                .toString())).resolve("target");
        screenshots = Files.createDirectories(target.resolve("screenshots"));

        stack = IncidentsStack.create("web-console");
        // Every request checks a bcrypt hash; the lowest cost keeps the hundreds of commands of the rule check fast.
        stack.setEnvironment("INCIDENTS_JAVA_OPTS", "-Xmx512m -Dincidents.security.bcrypt-strength=4");
        // A queue stream of a page the browser has left can hold the query side's graceful shutdown for its whole
        // 30 s grace period (see OpenQueueStreams); the data folder is deleted afterwards, so a kill loses nothing.
        stack.setEnvironment("INCIDENTS_STOP_TIMEOUT", "10");
        stack.runSuccessfully(START_TIMEOUT, "up");
        passwords = stack.credentials();
        newIncident = report(REQUESTER, """
                {"summary": "Printer on floor 2 is offline", "impact": "LOW", "urgency": "MEDIUM"}""");
        othersIncident = report(IncidentsStack.NETWORK_SPECIALIST, """
                {"summary": "Switch port 12 flaps", "impact": "MEDIUM", "urgency": "MEDIUM"}""");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,768",
                "--user-data-dir=" + Files.createTempDirectory(target, "chromium-profile-"));
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowserAndStack() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
            if (driverService != null) {
                driverService.stop();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void wrongPasswordGetsPlainMessage() throws Exception {
        open("/console/index.html");
        signInWith(IncidentsStack.SERVICE_DESK, "not-the-password");

        WebElement status = waitFor(By.cssSelector("#status.status-error"));
        assertThat(status.getText()).startsWith("The user name or password is wrong");
        assertThat(browser.getCurrentUrl()).contains("/console/index.html");
        screenshot("sign-in-wrong-password");
    }

    @Test
    @Order(2)
    void serviceDeskWalksQueueAndIncident() throws Exception {
        signIn(IncidentsStack.SERVICE_DESK);

        assertThat(navigationLinks()).containsExactly("Queues");
        // The row is drawn again once its service level is read, so it is looked up anew each time.
        wait(driver -> driver.findElement(rowOf(newIncident)).findElements(By.cssSelector(".sla .badge")).size() == 1);
        WebElement row = browser.findElement(rowOf(newIncident));
        assertThat(row.getText()).contains("Printer on floor 2 is offline");
        assertThat(row.findElement(By.cssSelector(".sla .badge")).getText()).isIn("On time", "At risk", "Breached");
        assertThat(queueLinks()).containsExactly("Service desk", "Group SERVICE-DESK", "My work", "My incidents");
        screenshot("queues-service-desk");

        browser.findElement(rowOf(newIncident)).findElement(By.tagName("a")).click();
        wait(ExpectedConditions.urlContains("/console/incident.html?id=" + newIncident));
        waitFor(By.cssSelector("#actions details"));
        assertThat(fact("State")).isEqualTo("New");
        assertThat(fact("Requester")).isEqualTo(REQUESTER);
        screenshot("incident-new");

        sendForm("work-notes", Map.of("text", "Called the requester: the printer shows error E42."));
        waitForText(By.id("work-notes"), "error E42");
        sendForm("assign", Map.of("group", "NET", "assignee", IncidentsStack.NETWORK_SPECIALIST));
        wait(driver -> fact("State").equals("Assigned"));
        assertThat(fact("Assigned group")).isEqualTo("NET");
        assertThat(fact("Assignee")).isEqualTo(IncidentsStack.NETWORK_SPECIALIST);
        List<String> timeline = browser.findElements(By.cssSelector("#history li .entry-head")).stream()
                .map(WebElement::getText).toList();
        assertThat(timeline).containsExactly("Incident reported by rita.requester (REQUESTER)",
                "Work note added by sally.desk (SERVICE_DESK, SERVICE-DESK)",
                "Incident assigned by sally.desk (SERVICE_DESK, SERVICE-DESK)");
        assertThat(browser.findElement(By.id("history")).getText()).contains("Business time", "recorded", "NET");
        screenshot("incident-assigned");
    }

    @Test
    @Order(3)
    void asOfPickerShowsEarlierState() throws Exception {
        JsonNode history = stack.getFromQuerySide("/api/incidents/" + newIncident + "/history");
        Instant reported = Instant.parse(history.get(0).get("occurredAt").asText());
        Instant assigned = Instant.parse(history.get(history.size() - 1).get("occurredAt").asText());
        open("/console/incident.html?id=" + newIncident);
        waitFor(By.cssSelector("#summary-facts dd"));

        // The picker takes whole seconds, so the first whole second after the report, which the walk above leaves
        // well before the assignment.
        Instant asOf = reported.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        assertThat(asOf).isBefore(assigned);
        String beforeAssignment = asOf.toString().replace("Z", "");
        browser.executeScript("document.getElementById('as-of-time').value = arguments[0];", beforeAssignment);
        browser.findElement(By.id("show-as-of")).click();

        wait(driver -> driver.findElement(By.id("as-of-banner")).isDisplayed() && fact("State").equals("New"));
        assertThat(fact("Assigned group")).isEqualTo("—");
        assertThat(browser.findElement(By.id("actions")).getText()).contains("Actions are off");
        screenshot("incident-as-of");

        browser.findElement(By.id("show-current")).click();
        wait(driver -> fact("State").equals("Assigned"));
    }

    @Test
    @Order(4)
    void queueShowsNewIncidentLive() throws Exception {
        open("/console/queues.html?queue=service-desk");
        waitForText(By.id("live-state"), "Live updates: on");
        browser.executeScript("window.notReloaded = true;");

        String arriving = report(REQUESTER, """
                {"summary": "Laptop does not boot after update", "impact": "MEDIUM", "urgency": "HIGH"}""");

        // A later live update may draw the rows again, so the row is found and read inside the wait.
        String row = wait(driver -> {
            String text = driver.findElement(rowOf(arriving)).getText();
            return text.contains("Laptop does not boot after update") ? text : null;
        });
        assertThat(row).contains("New");
        assertThat((Boolean) browser.executeScript("return window.notReloaded === true;")).isTrue();
        screenshot("queues-live-update");
    }

    @Test
    @Order(5)
    void incidentPageWaitsForLateHistory() throws Exception {
        String incident = report(IncidentsStack.SERVICE_DESK, """
                {"summary": "Shared drive is read-only", "impact": "MEDIUM", "urgency": "HIGH",
                 "requester": "rita.requester", "assignedGroup": "NET"}""");
        awaitProjected(incident, 1);
        Map<String, Object> script = answerNotFoundUntil(incident + "/history", "historyRecorded");
        try {
            open("/console/incident.html?id=" + incident);

            waitFor(By.cssSelector("#actions details[data-command='resolve']"));
            assertThat(fact("State")).isEqualTo("Assigned");
            assertThat(browser.findElement(By.id("history")).getText())
                    .startsWith("The audit trail has not recorded this incident yet.");
            assertThat(browser.findElement(By.id("status")).getAttribute("class")).doesNotContain("status-error");
            screenshot("incident-history-pending");

            browser.executeScript("window.historyRecorded = true;");
            waitForText(By.cssSelector("#history li .entry-head"), "Incident reported by sally.desk");
        } finally {
            removeScript(script);
        }
    }

    @Test
    @Order(6)
    void incidentPageWaitsForLateSummary() throws Exception {
        String incident = report(IncidentsStack.SERVICE_DESK, """
                {"summary": "Badge reader at the side door fails", "impact": "LOW", "urgency": "MEDIUM",
                 "requester": "rita.requester"}""");
        awaitProjected(incident, 0);
        Map<String, Object> script = answerNotFoundUntil(incident, "summaryRecorded");
        try {
            open("/console/incident.html?id=" + incident);

            waitForText(By.id("status"), "reported moments ago");
            assertThat(browser.findElement(By.id("actions")).findElements(By.tagName("details"))).isEmpty();

            browser.executeScript("window.summaryRecorded = true;");
            waitFor(By.cssSelector("#actions details[data-command='assign']"));
            assertThat(fact("Requester")).isEqualTo(REQUESTER);
            assertThat(browser.findElement(By.id("status")).getText()).isEmpty();
        } finally {
            removeScript(script);
        }

        open("/console/incident.html?id=INC-NOT-REPORTED");
        WebElement status = waitFor(By.cssSelector("#status.status-error"));
        assertThat(status.getText()).startsWith("The incident was not found.");
    }

    @Test
    @Order(7)
    void staleVersionShowsProblemInPlainWords() throws Exception {
        String incident = report(IncidentsStack.SERVICE_DESK, """
                {"summary": "VPN drops every hour", "impact": "HIGH", "urgency": "HIGH", "requester": "rita.requester",
                 "assignedGroup": "NET"}""");
        awaitProjected(incident, 1);
        open("/console/incident.html?id=" + incident);
        waitFor(By.cssSelector("#actions details[data-command='resolve']"));

        // The specialist accepts it meanwhile, so the version on the page is stale.
        HttpResponse<String> accepted = stack.postToCommandSide(IncidentsStack.NETWORK_SPECIALIST,
                "/api/incidents/" + incident + "/accept", "{\"assignee\": \"nick.net\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        sendForm("resolve", Map.of("resolutionCode", "RESTARTED"));

        WebElement status = waitFor(By.cssSelector("#status.status-error"));
        assertThat(status.getText()).startsWith("Someone changed this incident after you opened it.");
        awaitProjected(incident, 2);
        JsonNode projected = stack.getFromQuerySide("/api/incidents/" + incident);
        assertThat(projected.get("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(projected.get("version").asLong()).isEqualTo(2);
        screenshot("incident-refused");
    }

    @Test
    @Order(8)
    void requesterSeesOnlyOwnIncidents() throws Exception {
        signOut();
        signIn(REQUESTER);

        assertThat(queueLinks()).containsExactly("My incidents");
        waitFor(rowOf(newIncident));
        // Read in one script each, because a live update or a service level read may draw the rows again meanwhile.
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('#queue-rows tr[data-incident-id]')]
                    .map(row => row.getAttribute('data-incident-id'));""");
        @SuppressWarnings("unchecked")
        List<String> requesters = (List<String>) browser.executeScript("""
                return [...document.querySelectorAll('#queue-rows tr[data-incident-id] td:nth-child(6)')]
                    .map(cell => cell.textContent);""");
        stack.readAs(REQUESTER);
        try {
            JsonNode queue = stack.getFromQuerySide("/api/queues/requesters/" + REQUESTER + "?size=50");
            List<String> own = new ArrayList<>();
            queue.get("items").forEach(item -> own.add(item.get("incidentId").asText()));
            assertThat(shown).containsExactlyInAnyOrderElementsOf(own);
        } finally {
            stack.readAs(IncidentsStack.AUDITOR);
        }
        assertThat(shown).doesNotContain(othersIncident);
        assertThat(requesters).hasSameSizeAs(shown).containsOnly(REQUESTER);
        screenshot("queues-requester");

        open("/console/incident.html?id=" + newIncident);
        waitFor(By.cssSelector("#summary-facts dd"));
        assertThat(browser.findElement(By.id("work-notes")).getText()).doesNotContain("error E42");
        assertThat(browser.findElement(By.id("actions")).getText())
                .contains("You have no action on this incident in its current state.");
        screenshot("incident-requester");
    }

    @Test
    @Order(9)
    void auditorSeesHashChainAndManagerSeesDashboardLink() throws Exception {
        signOut();
        signIn(IncidentsStack.AUDITOR);
        open("/console/incident.html?id=" + newIncident);
        WebElement verification = waitFor(By.cssSelector("#verification.verification-valid"));
        assertThat(verification.getText()).startsWith("Valid: all");
        screenshot("incident-auditor");

        signOut();
        signIn(MANAGER);
        assertThat(navigationLinks()).containsExactly("Queues", "Dashboard");
        assertThat(browser.findElement(By.linkText("Dashboard")).getAttribute("href"))
                .endsWith("/console/dashboard/");
        assertThat(queueLinks()).containsExactly("Group DB", "Group NET", "Group NET-L3", "My work", "My incidents");
    }

    /**
     * Checks the console's rule table (permits.js) against the command API: for each case, every command the
     * console offers is applied, on a fresh incident in the same state, and every other command is refused with
     * 403 or 409.
     */
    @Test
    @Order(10)
    void offeredCommandsMatchCommandApi() throws Exception {
        open("/console/index.html");
        String original = report(IncidentsStack.SERVICE_DESK, """
                {"summary": "Original of duplicates", "impact": "LOW", "urgency": "LOW", "requester": "rita.requester",
                 "assignedGroup": "NET"}""");
        @SuppressWarnings("unchecked")
        List<String> tableLabels = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/console/permits.js').then(module => done(Object.keys(module.COMMAND_RULES)));""");
        assertThat(new TreeSet<>(tableLabels)).isEqualTo(new TreeSet<>(COMMAND_BODIES.keySet()));

        // Each state with the people whose rules differ in it: requester, service desk, specialist of the
        // assigned group (the assignee once accepted) and a manager of that group.
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("NEW", List.of(IncidentsStack.SERVICE_DESK, REQUESTER));
        cases.put("ASSIGNED", List.of(IncidentsStack.NETWORK_SPECIALIST, MANAGER));
        cases.put("IN_PROGRESS", List.of(IncidentsStack.NETWORK_SPECIALIST, IncidentsStack.SERVICE_DESK));
        cases.put("PENDING", List.of(REQUESTER, MANAGER));
        cases.put("RESOLVED", List.of(REQUESTER, IncidentsStack.SERVICE_DESK));
        // The browser computes what the console offers, one case at a time; the requests then run in parallel.
        List<RuleCase> ruleCases = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : cases.entrySet()) {
            for (String user : entry.getValue()) {
                JsonNode incident = incidentIn(entry.getKey());
                ruleCases.add(new RuleCase(entry.getKey(), user, incident, offeredCommands(user, incident)));
            }
        }
        ExecutorService requests = Executors.newFixedThreadPool(4);
        List<String> mismatches = new ArrayList<>();
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (RuleCase ruleCase : ruleCases) {
                results.add(requests.submit(() -> compareWithApi(ruleCase, original)));
            }
            for (Future<List<String>> result : results) {
                mismatches.addAll(result.get());
            }
        } finally {
            requests.shutdownNow();
        }

        assertThat(mismatches).isEmpty();
    }

    /** One row of the rule check: a person, an incident in a state, and the commands the console offers them. */
    private record RuleCase(String state, String user, JsonNode incident, Set<String> offered) {
    }

    private static List<String> compareWithApi(RuleCase ruleCase, String original) throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> command : COMMAND_BODIES.entrySet()) {
            String label = command.getKey();
            boolean isOffered = ruleCase.offered().contains(label);
            JsonNode target = isOffered ? incidentIn(ruleCase.state()) : ruleCase.incident();
            String body = command.getValue().replace("ORIGINAL", original).replace("USER", ruleCase.user());
            HttpResponse<String> response = stack.postToCommandSide(ruleCase.user(),
                    "/api/incidents/" + target.get("incidentId").asText() + "/" + label, body);
            int status = response.statusCode();
            boolean applied = status == 200 || status == 201;
            boolean refused = status == 403 || status == 409;
            if (isOffered && !applied || !isOffered && !refused) {
                mismatches.add(label + " by " + ruleCase.user() + " in " + ruleCase.state() + ": console "
                        + (isOffered ? "offers" : "hides") + " it, API answered " + status + " " + response.body());
            }
        }
        return mismatches;
    }

    /** Returns the console's offered commands for the user and incident, computed by permits.js in the browser. */
    private static Set<String> offeredCommands(String user, JsonNode incident) throws Exception {
        HttpResponse<String> callerResponse = stack.sendToQuerySide(user, "/api/caller");
        assertThat(callerResponse.statusCode()).as(callerResponse.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) browser.executeAsyncScript("""
                const [caller, incident, done] = arguments;
                import('/console/permits.js')
                    .then(module => done(module.offeredCommands(JSON.parse(caller), JSON.parse(incident))));""",
                callerResponse.body(), incident.toString());
        return new TreeSet<>(labels);
    }

    /**
     * Reports an incident for the requester, owned by the service desk, and brings it into {@code state} through the
     * network group. Returns the fields the rules read, from the last command response.
     */
    private static JsonNode incidentIn(String state) throws Exception {
        String path = "/api/incidents";
        JsonNode status;
        if (state.equals("NEW")) {
            status = command(REQUESTER, path, """
                    {"summary": "Rule check", "impact": "LOW", "urgency": "LOW"}""");
        } else {
            status = command(IncidentsStack.SERVICE_DESK, path, """
                    {"summary": "Rule check", "impact": "LOW", "urgency": "LOW", "requester": "rita.requester",
                     "assignedGroup": "NET"}""");
            String incident = path + "/" + status.get("incidentId").asText();
            if (!state.equals("ASSIGNED")) {
                status = command(IncidentsStack.NETWORK_SPECIALIST, incident + "/accept", "{\"assignee\": \"nick.net\"}");
            }
            if (state.equals("PENDING")) {
                status = command(IncidentsStack.NETWORK_SPECIALIST, incident + "/pend", "{\"reason\": \"CUSTOMER\"}");
            }
            if (state.equals("RESOLVED")) {
                status = command(IncidentsStack.NETWORK_SPECIALIST, incident + "/resolve",
                        "{\"resolutionCode\": \"FIXED\"}");
            }
        }
        assertThat(status.get("state").asText()).isEqualTo(state);
        ObjectNode incident = status.deepCopy();
        incident.put("requester", REQUESTER);
        return incident;
    }

    private static JsonNode command(String user, String path, String body) throws Exception {
        HttpResponse<String> response = stack.postToCommandSide(user, path, body);
        assertThat(response.statusCode()).as("POST %s as %s: %s", path, user, response.body()).isIn(200, 201);
        return IncidentsStack.MAPPER.readTree(response.body());
    }

    private static Map<String, String> commandBodies() {
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("classify", "{\"impact\": \"MEDIUM\", \"urgency\": \"LOW\"}");
        bodies.put("assign", "{\"group\": \"DB\"}");
        bodies.put("accept", "{\"assignee\": \"USER\"}");
        bodies.put("reassign", "{\"group\": \"DB\", \"reason\": \"database error in the logs\"}");
        bodies.put("return-to-service-desk", "{\"reason\": \"not a network fault\"}");
        bodies.put("release", "{\"reason\": \"on leave\"}");
        bodies.put("work-notes", "{\"text\": \"checked the logs\"}");
        bodies.put("pend", "{\"reason\": \"VENDOR\"}");
        bodies.put("resume", "{}");
        bodies.put("escalate", "{\"kind\": \"HIERARCHICAL\", \"reason\": \"needs a decision\"}");
        bodies.put("resolve", "{\"resolutionCode\": \"FIXED\"}");
        bodies.put("reject-resolution", "{\"reason\": \"still broken\"}");
        bodies.put("reopen", "{\"reason\": \"broken again\"}");
        bodies.put("close", "{\"satisfaction\": 4}");
        bodies.put("cancel", "{\"reason\": \"OTHER\"}");
        bodies.put("mark-duplicate", "{\"originalId\": \"ORIGINAL\"}");
        bodies.put("transfer-ownership", "{\"toGroup\": \"NET\"}");
        bodies.put("resolution-promise", "{\"promisedFor\": \"" + tomorrow + "\"}");
        return bodies;
    }

    private static String report(String user, String body) throws Exception {
        return command(user, "/api/incidents", body).get("incidentId").asText();
    }

    /** Waits until the query side shows the incident at {@code version} or later. */
    private static void awaitProjected(String incident, long version) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            HttpResponse<String> response = stack.sendToQuerySide(IncidentsStack.AUDITOR, "/api/incidents/" + incident);
            if (response.statusCode() == 200
                    && IncidentsStack.MAPPER.readTree(response.body()).get("version").asLong() >= version) {
                return;
            }
            assertThat(Instant.now()).as("incident %s projected at version %s", incident, version).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Makes the page's reads of a query side path that ends with {@code pathEnd} get the 404 of a read model that has
     * not reached the incident, until the test sets {@code window.<flag>}. Applies to pages opened afterwards.
     */
    private static Map<String, Object> answerNotFoundUntil(String pathEnd, String flag) {
        String source = """
                const realFetch = window.fetch.bind(window);
                window.fetch = (input, init) => {
                    const path = new URL(String(input instanceof Request ? input.url : input), location.href).pathname;
                    if (path.endsWith('/%s') && !window.%s) {
                        return Promise.resolve(new Response(JSON.stringify({ status: 404, title: 'Incident not found',
                            code: 'INCIDENT_NOT_FOUND', detail: 'The read model has no entry for this incident.' }),
                            { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
                    }
                    return realFetch(input, init);
                };""".formatted(pathEnd, flag);
        return browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    private static void removeScript(Map<String, Object> script) {
        browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                Map.of("identifier", script.get("identifier")));
    }

    private static void open(String path) {
        browser.get("http://127.0.0.1:" + stack.queryPort() + path);
    }

    private static void signIn(String user) {
        open("/console/index.html");
        signInWith(user, passwords.get(user));
        wait(ExpectedConditions.urlContains("/console/queues.html"));
        waitFor(By.id("sign-out"));
    }

    private static void signInWith(String user, String password) {
        WebElement userField = waitFor(By.id("user"));
        userField.clear();
        userField.sendKeys(user);
        WebElement passwordField = browser.findElement(By.id("password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private static void signOut() {
        waitFor(By.id("sign-out")).click();
        wait(ExpectedConditions.urlContains("/console/index.html"));
    }

    /** Opens the form of the command on the incident page, fills the fields and submits it, then waits for the response. */
    private static void sendForm(String command, Map<String, String> fields) {
        WebElement details = waitFor(By.cssSelector("#actions details[data-command='" + command + "']"));
        details.findElement(By.tagName("summary")).click();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            WebElement input = details.findElement(By.name(field.getKey()));
            input.clear();
            input.sendKeys(field.getValue());
        }
        details.findElement(By.cssSelector("button[type=submit]")).click();
        wait(driver -> {
            String status = driver.findElement(By.id("status")).getAttribute("class");
            return status.contains("status-success") || status.contains("status-error");
        });
    }

    private static String fact(String term) {
        return browser.findElement(By.cssSelector("#summary-facts dd[data-fact='" + term + "']")).getText();
    }

    private static List<String> navigationLinks() {
        return waitFor(By.cssSelector("#main-nav .nav-links")).findElements(By.tagName("a")).stream()
                .map(WebElement::getText).toList();
    }

    /** Returns the titles of the queue list, without their counts. */
    private static List<String> queueLinks() {
        waitFor(By.cssSelector("#queue-links a"));
        return browser.findElements(By.cssSelector("#queue-links a")).stream()
                .map(link -> link.getText().replaceAll("\\s*\\(.*\\)$", "").strip()).toList();
    }

    private static By rowOf(String incident) {
        return By.cssSelector("#queue-rows tr[data-incident-id='" + incident + "']");
    }

    private static WebElement waitFor(By locator) {
        return wait(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void waitForText(By locator, String text) {
        wait(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static <T> T wait(Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Saves the top of the page, where the heading and the status message are. */
    private static void screenshot(String name) throws IOException {
        browser.executeScript("window.scrollTo(0, 0);");
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
