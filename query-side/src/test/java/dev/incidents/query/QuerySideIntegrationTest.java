package dev.incidents.query;

import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.workNote;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.h2.engine.SysProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import dev.incidents.access.organisation.Organisation;
import dev.incidents.access.organisation.OrganisationVersionSource;
import dev.incidents.access.security.DatabaseCredentials;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.organisation.OrganisationPublished;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.query.projection.ReadModel;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.TestOrganisation;

/**
 * Runs the query side against an H2 TCP server holding an Axon event table, as the command side creates it, and an
 * in-JVM MongoDB wire server, then checks the REST API. The test methods run in order because later ones append
 * events and restart the application.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuerySideIntegrationTest {

    static {
        // H2 reads the bind address once, when its classes load, and otherwise listens on every interface.
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static InMemoryMongo mongo;
    private static Path h2Directory;
    private static Server h2;
    private static String eventsUrl;
    private static Path readerFile;
    private static JdbcEventStorageEngine eventWriter;
    private static final Map<String, Long> nextSequence = new HashMap<>();
    private static long appendedEvents;

    /** The auditor, who may read everything; visibility has its own tests. */
    private static final String READER = "audrey";
    private static final Organisation organisation = TestOrganisation.organisation();

    private static ConfigurableApplicationContext application;
    private static String baseUrl;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServersAndApplication() throws Exception {
        assertThat(SysProperties.BIND_ADDRESS).isEqualTo("127.0.0.1");
        mongo = InMemoryMongo.start();
        h2Directory = Files.createTempDirectory("query-side-events");
        h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", h2Directory.toString(), "-ifNotExists").start();
        eventsUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/events";

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(eventsUrl);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(JSON).build();
        eventWriter = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .dataType(byte[].class)
                .build();
        eventWriter.createSchema(PostgresEventTableFactory.INSTANCE);
        readerFile = createReader(dataSource);

        append(reported("INC-1", "carol", minute(0)),
                assigned("INC-1", "NETWORK", "bob", minute(1)),
                accepted("INC-1", "NETWORK", "bob", minute(2)),
                workNote("INC-1", "rebooted the router", minute(3)),
                reassigned("INC-1", "NETWORK", "bob", "DATABASE", "dave", IncidentState.IN_PROGRESS, 1, minute(4)),
                accepted("INC-1", "DATABASE", "dave", minute(5)),
                resolved("INC-1", "DATABASE", "dave", minute(6)),
                reopened("INC-1", "DATABASE", IncidentState.RESOLVED, 1, minute(7)),
                reported("INC-2", "carol", minute(8)),
                reported("INC-3", "erin", minute(9)),
                assigned("INC-3", "NETWORK", null, minute(10)),
                reported("INC-4", "erin", minute(11)),
                assigned("INC-4", "$where", null, minute(12)));

        startApplication();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (application != null) {
            application.close();
        }
        if (h2 != null) {
            h2.stop();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (h2Directory != null) {
            FileSystemUtils.deleteRecursively(h2Directory);
        }
    }

    /**
     * Creates a user that may only read the event table, as the command side does, and writes its credentials file,
     * so the application runs with no more rights than it gets from the command side.
     */
    private static Path createReader(JdbcDataSource admin) throws Exception {
        DatabaseCredentials reader = new DatabaseCredentials("EVENT_READER", "reader-" + UUID.randomUUID());
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER " + reader.username() + " PASSWORD '" + reader.password() + "'");
            statement.execute("GRANT SELECT ON DomainEventEntry TO " + reader.username());
        }
        Path file = h2Directory.resolve("security/event-store-reader");
        reader.writeOwnerOnly(file, "test reader");
        return file;
    }

    private static void startApplication() {
        application = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + eventsUrl,
                "--incidents.event-store.reader-password-file=" + readerFile,
                "--spring.data.mongodb.uri=" + mongo.uri(),
                "--incidents.organisation.file=" + TestOrganisation.FILE,
                "--incidents.security.password-file=" + TestOrganisation.passwordFile());
        baseUrl = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port");
    }

    /**
     * Appends events as the command side does, with one aggregate stream per incident. Each event is recorded one
     * second after its business time.
     */
    private static void append(IncidentEvent... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (IncidentEvent event : events) {
            String incidentId = event.incidentId().value();
            long sequence = nextSequence.merge(incidentId, 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>("Incident", incidentId, sequence, event, Map.of(),
                    UUID.randomUUID().toString(), event.occurredAt().plusSeconds(1)));
        }
        eventWriter.appendEvents(messages);
        appendedEvents += messages.size();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getAs(READER, path);
    }

    /** Sends a GET as the user, or without credentials when the user is null. */
    private static HttpResponse<String> getAs(String user, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + TestOrganisation.password(user)).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String path, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("status of GET %s with body %s", path, response.body())
                .isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    /** Polls the projection status until every processor has reached the newest event, and returns that status. */
    private static JsonNode awaitCaughtUp() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        JsonNode status = getJson("/api/projections", 200);
        while (!(status.get("caughtUp").asBoolean() && status.get("head").asLong() == appendedEvents)) {
            assertThat(Instant.now()).as("time to catch up; last status %s", status).isBefore(deadline);
            Thread.sleep(200);
            status = getJson("/api/projections", 200);
        }
        return status;
    }

    @Test
    @Order(1)
    void projectionsCatchUpWithEventStore() throws Exception {
        JsonNode status = awaitCaughtUp();

        assertThat(status.get("head").asLong()).isEqualTo(appendedEvents);
        assertThat(status.get("processors")).hasSize(8);
        assertThat(status.get("processors").findValuesAsText("name"))
                .containsExactly("audit-trail", "event-hashes", "incident-summary", "organisation", "queue-history",
                        "refusal-log", "service-level-definitions", "service-levels");
        for (JsonNode processor : status.get("processors")) {
            assertThat(processor.get("running").asBoolean()).isTrue();
            assertThat(processor.get("position").asLong()).isEqualTo(appendedEvents);
            assertThat(processor.get("lag").asLong()).isZero();
            assertThat(processor.get("errorState").asBoolean()).isFalse();
        }
    }

    @Test
    @Order(2)
    void handlersRunWithoutAxonTimeouts() {
        // Axon's timeouts record a stack trace per handler call; BatchWriteInterceptor logs slow batches instead.
        assertThat(application.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
    }

    @Test
    @Order(2)
    void tokenStoreIsMongoOnly() {
        assertThat(application.getBean(TokenStore.class)).isInstanceOf(MongoTokenStore.class);
        assertThat(application.getBean(TransactionManager.class)).isSameAs(NoTransactionManager.INSTANCE);
        assertThat(application.getBeansOfType(JdbcSagaStore.class)).isEmpty();
        assertThat(application.getBeansOfType(JdbcTokenStore.class)).isEmpty();

        Map<String, List<Integer>> segments = new TreeMap<>();
        mongo.client().getDatabase(InMemoryMongo.DATABASE)
                .getCollection("trackingtokens")
                .find()
                .forEach(token -> segments.computeIfAbsent(token.getString("processorName"), name -> new ArrayList<>())
                        .add(token.getInteger("segment")));
        assertThat(segments.keySet()).containsExactly("audit-trail", "event-hashes", "incident-summary",
                "organisation", "queue-history", "refusal-log", "service-level-definitions", "service-levels");
        int configured = application.getEnvironment().getProperty("incidents.projections.segments", Integer.class, 4);
        List<String> sharingDocuments = application.getBeansOfType(ReadModel.class).values().stream()
                .filter(ReadModel::sharesDocumentsAcrossIncidents)
                .map(ReadModel::processingGroup)
                .toList();
        assertThat(sharingDocuments).containsExactlyInAnyOrder("queue-history", "service-levels");
        segments.forEach((processor, ids) -> {
            int expected = sharingDocuments.contains(processor) ? 1 : configured;
            assertThat(ids).as("segments of %s", processor)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, expected).boxed().toList());
        });
    }

    @Test
    @Order(3)
    void summaryShowsCurrentState() throws Exception {
        JsonNode summary = getJson("/api/incidents/INC-1", 200);

        assertThat(summary.get("incidentId").asText()).isEqualTo("INC-1");
        assertThat(summary.get("state").asText()).isEqualTo("ASSIGNED");
        assertThat(summary.get("requester").asText()).isEqualTo("carol");
        assertThat(summary.get("ownerGroup").asText()).isEqualTo("SERVICE-DESK");
        assertThat(summary.get("assignedGroup").asText()).isEqualTo("DATABASE");
        assertThat(summary.get("assignee").isNull()).isTrue();
        assertThat(summary.get("reassignmentCount").asInt()).isEqualTo(1);
        assertThat(summary.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(summary.get("priority").asText()).isEqualTo("P3_MODERATE");
        assertThat(summary.get("reportedAt").asText()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(summary.get("lastOccurredAt").asText()).isEqualTo("2024-03-01T08:07:00Z");
        assertThat(summary.get("lastSequence").asLong()).isEqualTo(7);
        assertThat(summary.get("version").asLong()).isEqualTo(7);
    }

    @Test
    @Order(4)
    void historyListsEveryEventInOrder() throws Exception {
        JsonNode history = getJson("/api/incidents/INC-1/history", 200);

        assertThat(history).hasSize(8);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).get("sequenceNumber").asLong()).isEqualTo(i);
        }
        JsonNode reassignment = history.get(4);
        assertThat(reassignment.get("type").asText()).isEqualTo("IncidentReassigned");
        assertThat(reassignment.get("actor").get("user").asText()).isEqualTo("bob");
        assertThat(reassignment.get("occurredAt").asText()).isEqualTo("2024-03-01T08:04:00Z");
        assertThat(reassignment.get("recordedAt").asText()).isEqualTo("2024-03-01T08:04:01Z");
        assertThat(reassignment.get("details").get("reason").asText()).isEqualTo("needs database access");
        assertThat(JSON.convertValue(reassignment.get("changes"), List.class)).contains(
                Map.of("field", "assignedGroup", "oldValue", "NETWORK", "newValue", "DATABASE"),
                Map.of("field", "reassignmentCount", "oldValue", "0", "newValue", "1"));
    }

    @Test
    @Order(5)
    void queuePagesListMembers() throws Exception {
        JsonNode groupPage = getJson("/api/queues/groups/NETWORK?page=0&size=1", 200);
        assertThat(groupPage.get("items").findValuesAsText("incidentId")).containsExactly("INC-3");
        assertThat(groupPage.get("page").asInt()).isZero();
        assertThat(groupPage.get("size").asInt()).isEqualTo(1);
        assertThat(groupPage.get("total").asLong()).isEqualTo(1);

        JsonNode serviceDesk = getJson("/api/queues/service-desk", 200);
        assertThat(serviceDesk.get("items").findValuesAsText("incidentId")).containsExactly("INC-2");
        assertThat(serviceDesk.get("size").asInt()).isEqualTo(20);

        JsonNode requester = getJson("/api/queues/requesters/carol", 200);
        assertThat(requester.get("items").findValuesAsText("incidentId")).containsExactly("INC-2", "INC-1");

        JsonNode assignee = getJson("/api/queues/assignees/dave", 200);
        assertThat(assignee.get("total").asLong()).isZero();
    }

    @Test
    @Order(6)
    void operatorLikeValuesArePlainData() throws Exception {
        JsonNode literalGroup = getJson("/api/queues/groups/%24where", 200);
        assertThat(literalGroup.get("items").findValuesAsText("incidentId")).containsExactly("INC-4");

        JsonNode operatorGroup = getJson("/api/queues/groups/%7B%22%24ne%22%3A%20null%7D", 200);
        assertThat(operatorGroup.get("total").asLong()).isZero();

        JsonNode operatorRequester = getJson("/api/queues/requesters/%7B%22%24gt%22%3A%22%22%7D", 200);
        assertThat(operatorRequester.get("total").asLong()).isZero();

        getJson("/api/incidents/%24where", 400);
    }

    @Test
    @Order(7)
    void statisticsSumReadModels() throws Exception {
        JsonNode statistics = getJson("/api/statistics", 200);

        assertThat(statistics.get("incidents").asLong()).isEqualTo(4);
        assertThat(statistics.get("byState").get("NEW").asLong()).isEqualTo(1);
        assertThat(statistics.get("byState").get("ASSIGNED").asLong()).isEqualTo(3);
        assertThat(statistics.get("byState").get("CLOSED").asLong()).isZero();
        assertThat(statistics.get("reassignments").asLong()).isEqualTo(1);
        assertThat(statistics.get("reassignedIncidents").asLong()).isEqualTo(1);
        assertThat(statistics.get("reopens").asLong()).isEqualTo(1);
        assertThat(statistics.get("reopenedIncidents").asLong()).isEqualTo(1);
        assertThat(statistics.get("auditEntries").asLong()).isEqualTo(appendedEvents);
    }

    @Test
    @Order(8)
    void unknownIncidentGetsNotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/api/incidents/INC-404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asText()).isEqualTo("Incident not found");
        assertThat(problem.get("detail").asText()).contains("INC-404");
        assertThat(problem.get("incidentId").asText()).isEqualTo("INC-404");

        JsonNode historyProblem = getJson("/api/incidents/INC-404/history", 404);
        assertThat(historyProblem.get("incidentId").asText()).isEqualTo("INC-404");
    }

    @Test
    @Order(9)
    void malformedIncidentIdGetsBadRequestProblem() throws Exception {
        HttpResponse<String> response = get("/api/incidents/bad%20id");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("parameter").asText()).isEqualTo("id");
        assertThat(problem.get("value").asText()).isEqualTo("bad id");
        assertThat(problem.get("detail").asText()).contains("bad id");
    }

    @Test
    @Order(10)
    void invalidPagingGetsBadRequestProblem() throws Exception {
        Map<String, String> cases = Map.of(
                "page=-1", "page",
                "page=abc", "page",
                "size=0", "size",
                "size=201", "size",
                "size=2.5", "size");
        for (Map.Entry<String, String> invalid : cases.entrySet()) {
            JsonNode problem = getJson("/api/queues/service-desk?" + invalid.getKey(), 400);

            String value = invalid.getKey().substring(invalid.getKey().indexOf('=') + 1);
            assertThat(problem.get("parameter").asText()).as(invalid.getKey()).isEqualTo(invalid.getValue());
            assertThat(problem.get("value").asText()).as(invalid.getKey()).isEqualTo(value);
            boolean page = invalid.getValue().equals("page");
            assertThat(problem.get("detail").asText()).as(invalid.getKey())
                    .contains(page ? "from 0 to 2147483647" : "from 1 to 200");
            assertThat(problem.get("minimum").asLong()).as(invalid.getKey()).isEqualTo(page ? 0 : 1);
            assertThat(problem.get("maximum").asLong()).as(invalid.getKey()).isEqualTo(page ? Integer.MAX_VALUE : 200);
        }
    }

    @Test
    @Order(11)
    void healthShowsAnonymousCallerStatusOnly() throws Exception {
        HttpResponse<String> response = getAs(null, "/actuator/health");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.has("components")).as(response.body()).isFalse();
        assertThat(health.has("details")).as(response.body()).isFalse();
    }

    @Test
    @Order(11)
    void healthShowsAdminComponents() throws Exception {
        HttpResponse<String> response = getAs("adam", "/actuator/health");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("components").has("db")).as(response.body()).isTrue();
    }

    @Test
    @Order(11)
    void actuatorNeedsAdminRole() throws Exception {
        assertThat(getAs("rita", "/actuator/metrics").statusCode()).isEqualTo(403);
        assertThat(getAs("audrey", "/actuator").statusCode()).isEqualTo(403);
        assertThat(getAs(null, "/actuator").statusCode()).isEqualTo(401);
        assertThat(getAs("adam", "/actuator").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(12)
    void newEventsAreProjectedWhileRunning() throws Exception {
        append(assigned("INC-2", "NETWORK", null, minute(20)));

        awaitCaughtUp();

        assertThat(getJson("/api/incidents/INC-2", 200).get("state").asText()).isEqualTo("ASSIGNED");
        assertThat(getJson("/api/queues/groups/NETWORK", 200).get("total").asLong()).isEqualTo(2);
        assertThat(getJson("/api/queues/service-desk", 200).get("total").asLong()).isZero();
    }

    @Test
    @Order(13)
    void restartContinuesFromStoredTokens() throws Exception {
        application.close();
        // Without stored tokens the processors would replay from the first event and rebuild this summary.
        mongo.client().getDatabase(InMemoryMongo.DATABASE).getCollection("incident_summaries")
                .deleteOne(new Document("_id", "INC-2"));
        append(accepted("INC-3", "NETWORK", "bob", minute(21)));

        startApplication();
        awaitCaughtUp();

        getJson("/api/incidents/INC-2", 404);
        assertThat(getJson("/api/incidents/INC-3", 200).get("state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(getJson("/api/statistics", 200).get("auditEntries").asLong()).isEqualTo(appendedEvents);
    }

    @Test
    @Order(14)
    void failingEventIsRetriedUntilItSucceeds() throws Exception {
        MongoCollection<Document> summaries = mongo.client().getDatabase(InMemoryMongo.DATABASE)
                .getCollection("incident_summaries");
        Document savedSummary = summaries.find(new Document("_id", "INC-3")).first();
        summaries.deleteOne(new Document("_id", "INC-3"));

        append(workNote("INC-3", "waiting for the vendor", minute(22)));
        JsonNode failing = awaitProcessor("incident-summary", processor -> processor.get("errorState").asBoolean());
        assertThat(failing.get("error").asText()).contains("INC-3");
        assertThat(failing.get("caughtUp").asBoolean()).isFalse();
        HttpResponse<String> health = getAs("adam", "/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        JsonNode processorsHealth = JSON.readTree(health.body()).path("components").path("eventProcessors");
        assertThat(processorsHealth.path("status").asText()).as(health.body()).isEqualTo("DOWN");
        assertThat(processorsHealth.path("details").path("processors").path("incident-summary").path("error")
                .asBoolean()).as(health.body()).isTrue();

        summaries.insertOne(savedSummary);
        awaitCaughtUp();

        JsonNode summary = getJson("/api/incidents/INC-3", 200);
        assertThat(summary.get("lastSequence").asLong()).isEqualTo(3);
        assertThat(summary.get("lastOccurredAt").asText()).isEqualTo("2024-03-01T08:22:00Z");
    }

    @Test
    @Order(15)
    void earlierAuditLayoutIsRebuilt() throws Exception {
        application.close();
        MongoDatabase database = mongo.client().getDatabase(InMemoryMongo.DATABASE);
        database.getCollection("audit_trails").deleteMany(new Document());
        database.getCollection("audit_entries").insertOne(new Document("_id", "INC-1/0"));
        database.getCollection("audit_states").insertOne(new Document("_id", "INC-1"));

        startApplication();
        awaitCaughtUp();

        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .contains("audit_trails")
                .doesNotContain("audit_entries", "audit_states");
        assertThat(getJson("/api/statistics", 200).get("auditEntries").asLong()).isEqualTo(appendedEvents);
        assertThat(getJson("/api/incidents/INC-1/history", 200)).hasSize(8);
    }

    @Test
    @Order(16)
    void requestWithoutCredentialsGets401Problem() throws Exception {
        HttpResponse<String> missing = getAs(null, "/api/statistics");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/statistics"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "audrey:wrong".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(missing, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    @Order(17)
    void publishedOrganisationVersionsAreServed() throws Exception {
        assertThat(getJson("/api/organisation", 404).get("title").asText()).isEqualTo("Organisation version not found");

        appendOrganisation(1, "0".repeat(64));
        appendOrganisation(2, organisation.sha256());
        awaitCaughtUp();

        JsonNode current = getJson("/api/organisation", 200);
        assertThat(current.get("version").asLong()).isEqualTo(2);
        assertThat(current.get("sha256").asText()).isEqualTo(organisation.sha256());
        assertThat(current.get("users").findValuesAsText("id")).contains("rita", "audrey");
        JsonNode first = getJson("/api/organisation/versions/1", 200);
        assertThat(first.get("version").asLong()).isEqualTo(1);
        assertThat(first.get("sha256").asText()).isEqualTo("0".repeat(64));
        assertThat(getJson("/api/organisation/versions/3", 404).get("detail").asText()).contains("3");
        assertThat(getJson("/api/organisation/versions/abc", 400).get("parameter").asText()).isEqualTo("version");
        assertThat(application.getBean(OrganisationVersionSource.class).currentVersion()).isEqualTo(2);
    }

    @Test
    @Order(18)
    void organisationIsHiddenFromRequesters() throws Exception {
        HttpResponse<String> requester = getAs("rita", "/api/organisation");
        HttpResponse<String> manager = getAs("mike", "/api/organisation/versions/1");

        assertThat(requester.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(requester.body()).get("code").asText()).isEqualTo("NOT_PERMITTED");
        assertThat(manager.statusCode()).isEqualTo(200);
        // The URL rule covers only the organisation; what else a requester reads, the query handlers decide.
        assertThat(getAs("rita", "/api/queues/requesters/rita").statusCode()).isEqualTo(200);
    }

    /** Appends an organisation version as the command side's organisation aggregate publishes it. */
    private static void appendOrganisation(long version, String sha256) {
        OrganisationPublished published = new OrganisationPublished("organisation", version, sha256,
                organisation.groups(), organisation.users(), minute(30 + (int) version));
        eventWriter.appendEvents(List.of(new GenericDomainEventMessage<>("Organisation", "organisation",
                version - 1, published, Map.of(), UUID.randomUUID().toString(), published.publishedAt())));
        appendedEvents++;
    }

    /** Polls the projection status until the named processor matches the condition, and returns its status. */
    private static JsonNode awaitProcessor(String name, Predicate<JsonNode> condition)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(CATCH_UP_TIMEOUT);
        while (true) {
            JsonNode status = getJson("/api/projections", 200);
            for (JsonNode processor : status.get("processors")) {
                if (processor.get("name").asText().equals(name) && condition.test(processor)) {
                    return processor;
                }
            }
            assertThat(Instant.now()).as("time to wait for processor %s; last status %s", name, status)
                    .isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
