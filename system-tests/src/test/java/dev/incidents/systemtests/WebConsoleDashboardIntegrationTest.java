package dev.incidents.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the service dashboard at /console/dashboard/ in headless Chromium against a stack loaded with a small
 * incident log of ten traces ({@link DashboardIncidentLog}). Every figure the page shows is compared with the
 * analytics API's response to the same filter, read by the test itself, so the test holds no expected numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleDashboardIntegrationTest {

    private static final String MANAGER = "maria.manager";
    private static final String ANALYST = "ana.analyst";
    private static final String REQUESTER = "rita.requester";
    private static final String DASHBOARD_PATH = "/console/dashboard/index.html";
    private static final String LOG_FILE = "dashboard-incidents.xes";
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Filters the manager applies: March 2025, where every trace of the log lies, and a backlog on 21 March. */
    private static final Map<String, String> PERIOD_FILTER = Map.of(
            "from", "2025-03-01", "to", "2025-04-01", "asOf", "2025-03-21");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private IncidentsStack stack;
    private Map<String, String> passwords;
    private ChromeDriver driver;
    private Path screenshots;

    @BeforeAll
    void loadLogAndOpenBrowser() throws Exception {
        stack = IncidentsStack.create("dashboard");
        Files.writeString(stack.workDir().resolve(LOG_FILE), DashboardIncidentLog.xes(), StandardCharsets.UTF_8);
        stack.runSuccessfully(REPLAY_TIMEOUT, "replay", LOG_FILE);
        passwords = stack.credentials();
        publishStricterPolicyVersion();
        stack.readAs(MANAGER);
        stack.awaitProjectionsCaughtUp(Duration.ofMinutes(2));

        Path target = Path.of(System.getProperty("basedir", "system-tests")).resolve("target");
        screenshots = Files.createDirectories(target.resolve("screenshots"));
        driver = startChromium(Files.createTempDirectory(Files.createDirectories(target), "chromium-dashboard-"));
    }

    @AfterAll
    void closeBrowserAndStack() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void pageWithoutCredentialsRedirectsToSignIn() {
        driver.get(queryUrl(DASHBOARD_PATH));

        new WebDriverWait(driver, PAGE_TIMEOUT)
                .until(browser -> browser.getCurrentUrl().contains("/console/index.html"));
        String next = URLEncoder.encode(DASHBOARD_PATH, StandardCharsets.UTF_8);
        assertThat(driver.getCurrentUrl()).endsWith("/console/index.html?next=" + next);
    }

    @Test
    @Order(2)
    void managerSeesTheFiguresOfTheApi() throws Exception {
        signIn(MANAGER);
        awaitPageState("ready");

        List<String> groupOptions = optionValues("filter-group");
        assertThat(groupOptions).as("groups maria.manager manages, with NET-L3 below NET")
                .containsExactlyInAnyOrder("", "NET", "NET-L3", "DB");

        applyFilters(PERIOD_FILTER);
        int compared = compareFiguresWithApi(PERIOD_FILTER);
        assertThat(compared).as("figure cells compared with the API").isGreaterThan(60);
        screenshot("dashboard-manager");

        Map<String, String> narrower = new LinkedHashMap<>(PERIOD_FILTER);
        narrower.put("priority", "P3_MODERATE");
        new Select(driver.findElement(By.id("filter-priority"))).selectByValue("P3_MODERATE");
        submitFiltersWithEnterKey();
        assertThat(compareFiguresWithApi(narrower)).as("figure cells compared with the API, P3 only").isPositive();
    }

    @Test
    @Order(3)
    void pageFitsSmallLaptopScreen() {
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at 1366x768 in px").isLessThanOrEqualTo(0);
    }

    @Test
    @Order(4)
    void everyControlHasLabelAndEveryChartTitle() {
        for (WebElement control : driver.findElements(By.cssSelector("main input, main select"))) {
            String id = control.getAttribute("id");
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label of #" + id)
                    .hasSize(1);
        }
        List<WebElement> charts = driver.findElements(By.cssSelector("#figures svg"));
        assertThat(charts).as("charts").isNotEmpty();
        for (WebElement chart : charts) {
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(chart.findElement(By.tagName("title")).getAttribute("textContent")).isNotBlank();
        }
    }

    @Test
    @Order(5)
    void whatIfShowsRecordedOutcomeBesideAlternative() throws Exception {
        applyFilters(PERIOD_FILTER);
        new Select(driver.findElement(By.id("what-if-policy"))).selectByValue("standard|2");
        driver.findElement(By.id("run-what-if")).click();
        new WebDriverWait(driver, PAGE_TIMEOUT).until(browser -> {
            String state = browser.findElement(By.id("what-if")).getAttribute("data-state");
            return "loaded".equals(state) || "failed".equals(state);
        });
        driver.executeScript("document.getElementById('what-if').scrollIntoView();");
        screenshot("dashboard-what-if");
        assertThat(driver.findElement(By.id("what-if")).getAttribute("data-state"))
                .as(driver.findElement(By.id("what-if-result")).getText()).isEqualTo("loaded");

        ObjectNode body = IncidentsStack.MAPPER.createObjectNode();
        body.put("from", "2025-03-01T00:00:00Z");
        body.put("to", "2025-04-01T00:00:00Z");
        body.putObject("policy").put("id", "standard").put("version", 2);
        JsonNode report = postToQuerySide("/api/analytics/what-if", body.toString());

        int compared = 0;
        for (Map<String, Object> cell : figureCells("#what-if-result")) {
            String path = (String) cell.get("figure");
            assertThat(cell.get("text")).as(path).isEqualTo(expectedText(report, path));
            compared++;
        }
        assertThat(compared).as("what-if summary cells").isEqualTo(16);
        assertThat(driver.findElements(By.cssSelector("#what-if-result tr[data-incident]")))
                .as("incidents listed").hasSize(report.path("incidents").size());
    }

    @Test
    @Order(6)
    void groupOutsideManagersGroupsShowsProblemInPlainWords() throws Exception {
        driver.get(queryUrl(DASHBOARD_PATH + "?from=2025-03-01&to=2025-04-01&group=APP"));
        awaitPageState("ready");

        List<WebElement> cards = driver.findElements(By.cssSelector("#figures section.card"));
        assertThat(cards).hasSize(7);
        for (WebElement card : cards) {
            assertThat(card.getAttribute("data-state")).as(card.getText()).isEqualTo("failed");
        }
        WebElement problem = driver.findElement(By.id("page-problem"));
        assertThat(problem.isDisplayed()).as("message above the filters").isTrue();
        assertThat(problem.getText()).startsWith("You may not read these figures.");
        assertThat(problem.getText()).contains("does not manage APP");
        assertThat(problem.getText()).as("raw problem details").doesNotContain("{", "NOT_PERMITTED");
        screenshot("dashboard-not-permitted");
    }

    @Test
    @Order(7)
    void analystSeesEveryGroup() throws Exception {
        signIn(ANALYST);
        awaitPageState("ready");

        assertThat(optionValues("filter-group")).as("every group of the organisation")
                .containsExactlyInAnyOrder("", "SERVICE-DESK", "NET", "NET-L3", "DB", "APP");

        Map<String, String> applications = new LinkedHashMap<>(PERIOD_FILTER);
        applications.put("group", "APP");
        stack.readAs(ANALYST);
        try {
            applyFilters(applications);
            assertThat(compareFiguresWithApi(applications)).as("figure cells compared with the API, APP only")
                    .isPositive();
        } finally {
            stack.readAs(MANAGER);
        }
    }

    @Test
    @Order(8)
    void requesterSeesNotForRoleMessage() throws Exception {
        signIn(REQUESTER);
        awaitPageState("not-for-role");

        assertThat(driver.findElement(By.id("not-for-you")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        screenshot("dashboard-not-for-role");
    }

    /** Publishes version 2 of the standard policy with half the targets, effective long after the log's period. */
    private void publishStricterPolicyVersion() throws Exception {
        String policy = """
                {"effectiveFrom": "2030-01-01T00:00:00Z", "calendar": "24x7", "warningThreshold": 0.75,
                 "targets": {"P1": {"response": "PT10M", "resolution": "PT2H"},
                             "P2": {"response": "PT15M", "resolution": "PT4H"},
                             "P3": {"response": "PT30M", "resolution": "PT12H"},
                             "P4": {"response": "PT2H", "resolution": "PT36H"},
                             "P5": {"response": "PT4H", "resolution": "PT60H"}}}""";
        HttpResponse<String> published = stack.postToCommandSide(MANAGER,
                "/api/service-levels/policies/standard/versions", policy);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    private ChromeDriver startChromium(Path profile) {
        assertThat(CHROMIUM).as("Debian package chromium (apt-get install -y chromium chromium-driver)").exists();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1366,768", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Stores the credentials as the console's sign-in page does, then opens the dashboard. */
    private void signIn(String user) {
        driver.get(queryUrl("/console/dashboard/dashboard.css"));
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8));
        driver.executeScript("sessionStorage.setItem('incidents.console.user', arguments[0]);"
                + "sessionStorage.setItem('incidents.console.auth', arguments[1]);", user, authorization);
        driver.get(queryUrl(DASHBOARD_PATH));
    }

    private void applyFilters(Map<String, String> filters) {
        for (String name : List.of("from", "to", "asOf")) {
            WebElement input = driver.findElement(By.cssSelector("#filters [name='" + name + "']"));
            driver.executeScript("arguments[0].value = arguments[1];", input, filters.getOrDefault(name, ""));
        }
        new Select(driver.findElement(By.id("filter-priority"))).selectByValue(filters.getOrDefault("priority", ""));
        new Select(driver.findElement(By.id("filter-group"))).selectByValue(filters.getOrDefault("group", ""));
        submitFiltersWithEnterKey();
    }

    /** Submits the filter form from the keyboard, as a user without a mouse would. */
    private void submitFiltersWithEnterKey() {
        driver.executeScript("document.body.dataset.state = 'submitted';");
        driver.findElement(By.id("filter-category")).sendKeys(Keys.ENTER);
        awaitPageState("ready");
    }

    private void awaitPageState(String state) {
        new WebDriverWait(driver, PAGE_TIMEOUT).until(browser -> state.equals(
                ((JavascriptExecutor) browser).executeScript("return document.body.dataset.state;")));
    }

    /**
     * Reads every card's figure cells and compares each with the same figure of the API's report for the card's
     * metric and grouping under {@code filters}. Returns the number of cells compared.
     */
    private int compareFiguresWithApi(Map<String, String> filters) throws Exception {
        List<WebElement> cards = driver.findElements(By.cssSelector("#figures section.card"));
        assertThat(cards).as("charts").hasSize(7);
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (WebElement card : cards) {
            assertThat(card.getAttribute("data-state")).as(card.getText()).isEqualTo("loaded");
            String path = analyticsPath(card.getAttribute("data-metric"), card.getAttribute("data-group-by"), filters);
            assertThat(card.getAttribute("data-request")).as("request of the page").isEqualTo(path);
            reports.put(path, stack.getFromQuerySide(path));
        }

        int compared = 0;
        int nonZero = 0;
        for (Map<String, Object> cell : figureCells("#figures")) {
            String path = analyticsPath((String) cell.get("metric"), (String) cell.get("groupBy"), filters);
            JsonNode bucket = bucket(reports.get(path), (String) cell.get("key"));
            String figure = (String) cell.get("figure");
            String expected = expectedText(bucket, figure);
            assertThat(cell.get("text")).as(path + " bucket " + cell.get("key") + " " + figure).isEqualTo(expected);
            compared++;
            nonZero += expected.equals("–") || expected.equals("0") ? 0 : 1;
        }
        assertThat(nonZero).as("cells with a figure other than zero").isPositive();
        return compared;
    }

    /** Returns one entry per figure cell under {@code root}: its card's metric and grouping, row key, path and text. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> figureCells(String root) {
        Object cells = driver.executeScript("""
                const cells = [];
                for (const cell of document.querySelectorAll(arguments[0] + ' td[data-figure]')) {
                    const card = cell.closest('section');
                    cells.push({metric: card.dataset.metric || '', groupBy: card.dataset.groupBy || '',
                        key: cell.closest('tr').dataset.key, figure: cell.dataset.figure, text: cell.textContent});
                }
                return cells;""", root);
        return new ArrayList<>((List<Map<String, Object>>) cells);
    }

    private static String analyticsPath(String metric, String groupBy, Map<String, String> filters) {
        StringBuilder query = new StringBuilder();
        for (String name : List.of("from", "to", "group", "priority", "category")) {
            if (filters.containsKey(name)) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(filters.get(name));
            }
        }
        if (!groupBy.isEmpty()) {
            query.append("&groupBy=").append(groupBy);
        }
        if (metric.equals("backlog") && filters.containsKey("asOf")) {
            query.append("&asOf=").append(filters.get("asOf"));
        }
        return "/api/analytics/" + metric + "?" + query;
    }

    private static JsonNode bucket(JsonNode report, String key) {
        for (JsonNode bucket : report.path("buckets")) {
            String bucketKey = bucket.path("key").isNull() ? "" : bucket.path("key").asText();
            if (bucketKey.equals(key)) {
                return bucket;
            }
        }
        throw new AssertionError("no bucket with key '" + key + "' in " + report);
    }

    /**
     * Formats the number at the dotted {@code path} the way a reader expects it on the page: up to one decimal,
     * thousands separated by commas, and a dash for a missing figure.
     */
    private static String expectedText(JsonNode node, String path) {
        JsonNode value = node;
        for (String step : path.split("\\.")) {
            value = step.matches("\\d+") ? value.path(Integer.parseInt(step)) : value.path(step);
        }
        if (value.isNull() || value.isMissingNode()) {
            return "–";
        }
        assertThat(value.isNumber()).as(path + " in " + node).isTrue();
        BigDecimal number = value.decimalValue().setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return String.format(Locale.US, number.scale() > 0 ? "%,.1f" : "%,.0f", number);
    }

    private List<String> optionValues(String selectId) {
        return new Select(driver.findElement(By.id(selectId))).getOptions().stream()
                .map(option -> option.getAttribute("value")).toList();
    }

    private JsonNode postToQuerySide(String path, String json) throws Exception {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((MANAGER + ":" + passwords.get(MANAGER)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl(path)))
                .timeout(PAGE_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return IncidentsStack.MAPPER.readTree(response.body());
    }

    /**
     * Saves what a 1366x768 screen shows as {@code name.png}, and the whole page as {@code name-full.png} by
     * stretching the window to the page's height for the moment of the capture.
     */
    private void screenshot(String name) throws Exception {
        saveScreenshot(name + ".png");

        Dimension screen = driver.manage().window().getSize();
        long pageHeight = ((Number) driver.executeScript("return document.documentElement.scrollHeight;")).longValue();
        long viewportHeight = ((Number) driver.executeScript("return window.innerHeight;")).longValue();
        int chromeHeight = (int) (screen.getHeight() - viewportHeight);
        driver.manage().window().setSize(new Dimension(screen.getWidth(), (int) pageHeight + chromeHeight));
        try {
            saveScreenshot(name + "-full.png");
        } finally {
            driver.manage().window().setSize(screen);
        }
    }

    private void saveScreenshot(String file) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    private String queryUrl(String path) {
        return "http://127.0.0.1:" + stack.queryPort() + path;
    }
}
