package dev.incidents.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.QueryMapper;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import dev.incidents.query.incident.IncidentSummaryCollection;
import dev.incidents.query.sla.ServiceLevelCollection;
import dev.incidents.query.testing.ApiUser;
import dev.incidents.query.testing.EventStoreTables;
import dev.incidents.query.testing.TestOrganisation;

/**
 * Checks on a real MongoDB that every filtered query of the queues, service level queues, refusal log, exports and
 * analytics is served by an index. The in-JVM MongoDB server of the other tests ignores non-unique indexes, so only
 * a real server shows a missing one. The whole query side runs against a MongoDB replica set in a container, so the
 * projections create their indexes as in production. A recording {@link MongoTemplate} captures the filter and sort
 * of each query that a REST request runs, and the test runs MongoDB's {@code explain} on each of them.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueryIndexIntegrationTest {

    private static final String REFUSALS = "refusals";
    private static final Set<String> READ_MODELS =
            Set.of(IncidentSummaryCollection.NAME, ServiceLevelCollection.NAME, REFUSALS);

    private static final Instant NINE = Instant.parse("2025-03-03T09:00:00Z");
    private static final String RANGE = "from=2025-03-03T09:00:00Z&to=2025-03-03T12:00:00Z";

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:7.0.14"));

    private static final EventStoreTables EVENTS = EventStoreTables.create();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private RecordingMongoTemplate mongo;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        TestOrganisation.register(registry);
        registry.add("spring.datasource.url", EVENTS::url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.mongodb.uri", () -> MONGO.getReplicaSetUrl("incidents"));
    }

    /** Replaces Spring Boot's template, which backs off when a {@link MongoTemplate} bean exists. */
    @TestConfiguration
    static class RecordingConfiguration {

        @Bean
        RecordingMongoTemplate mongoTemplate(MongoDatabaseFactory factory, MongoConverter converter) {
            return new RecordingMongoTemplate(factory, converter);
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("alice", "/api/queues/service-desk"),
                Arguments.of("sam", "/api/queues/groups/NETWORK"),
                Arguments.of("sam", "/api/queues/assignees/sam"),
                Arguments.of("rita", "/api/queues/requesters/rita"),
                Arguments.of("alice", "/api/service-levels/at-risk"),
                Arguments.of("alice", "/api/service-levels/breached"),
                Arguments.of("mona", "/api/service-levels/at-risk?group=NETWORK"),
                Arguments.of("mona", "/api/service-levels/breached"),
                Arguments.of("audrey", "/api/refusals"),
                Arguments.of("audrey", "/api/refusals?incidentId=INC-1"),
                Arguments.of("audrey", "/api/incidents/INC-1/refusals"),
                Arguments.of("audrey", "/api/refusals?user=sam"),
                Arguments.of("audrey", "/api/refusals?" + RANGE),
                Arguments.of("adam", "/api/exports/events.csv?state=NEW"),
                Arguments.of("adam", "/api/exports/events.csv?group=NETWORK"),
                Arguments.of("adam", "/api/exports/events.csv?" + RANGE),
                Arguments.of("adam", "/api/exports/events.xes?state=NEW"),
                Arguments.of("adam", "/api/exports/events.xes?group=NETWORK"),
                Arguments.of("adam", "/api/exports/events.xes?" + RANGE),
                Arguments.of("ana", "/api/analytics/times?group=NETWORK"),
                Arguments.of("ana", "/api/analytics/times?priority=P1_CRITICAL"),
                Arguments.of("ana", "/api/analytics/times?category=Network"),
                Arguments.of("mona", "/api/analytics/backlog"));
    }

    @BeforeEach
    void clearReadModels() {
        for (String collection : READ_MODELS) {
            mongo.getCollection(collection).deleteMany(new Document());
        }
        mongo.recorded.clear();
    }

    /**
     * Runs the request on empty collections, so that no document has to be readable as a read model, then inserts
     * documents and explains each recorded query.
     */
    @ParameterizedTest(name = "{1} as {0}")
    @MethodSource("requests")
    void queryUsesIndex(String user, String path) throws Exception {
        MvcResult result = mvc.perform(get(URI.create(path)).with(ApiUser.basic(user).authentication())).andReturn();
        assertThat(result.getResponse().getStatus()).as("status of GET %s as %s with body %s", path, user,
                result.getResponse().getContentAsString()).isEqualTo(200);
        List<RecordedQuery> queries = List.copyOf(mongo.recorded);
        assertThat(queries).as("queries of GET %s with a filter or sort", path).isNotEmpty();

        insertDocuments();

        for (RecordedQuery query : queries) {
            Document explained = mongo.getCollection(query.collection()).find(query.filter()).sort(query.sort())
                    .explain();
            Document winningPlan = explained.get("queryPlanner", Document.class).get("winningPlan", Document.class);
            List<String> stages = new ArrayList<>();
            collectStages(winningPlan, stages);
            assertThat(stages).as("stages of %s for GET %s, winning plan %s", query, path, winningPlan.toJson())
                    .contains("IXSCAN");
            assertThat(stages).as("stages of %s for GET %s, winning plan %s", query, path, winningPlan.toJson())
                    .doesNotContain("COLLSCAN");
        }
    }

    /** Inserts documents with the fields that the queries filter on, with values that match and values that do not. */
    private void insertDocuments() {
        String[] states = {"NEW", "ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED", "CLOSED"};
        String[] groups = {"SERVICE-DESK", "NETWORK", "NETWORK-WAN", "DATABASE", "STORAGE"};
        String[] users = {"rita", "carol", "sam", "dave", "stan"};
        List<Document> summaries = new ArrayList<>();
        List<Document> serviceLevels = new ArrayList<>();
        List<Document> refusals = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "INC-" + i;
            String group = groups[i % groups.length];
            String user = users[i % users.length];
            Date reportedAt = Date.from(NINE.plusSeconds(600L * i));
            summaries.add(new Document("_id", id).append("state", states[i % states.length])
                    .append("priority", "P" + (i % 5 + 1)).append("reportedAt", reportedAt)
                    .append("requester", user).append("assignee", user)
                    .append("assignedGroup", group).append("ownerGroup", groups[(i + 1) % groups.length]));
            serviceLevels.add(new Document("_id", id)
                    .append(ServiceLevelCollection.AT_RISK_GROUPS, i % 3 == 0 ? List.of(group) : List.of())
                    .append(ServiceLevelCollection.BREACHED_GROUPS, i % 4 == 0 ? List.of(group) : List.of())
                    .append("facts", new Document("group", group).append("priority", "P" + (i % 5 + 1) + "_X")
                            .append("category", i % 2 == 0 ? "Network" : "Database")));
            refusals.add(new Document("_id", "event-" + i).append("incidentId", id).append("user", user)
                    .append("recordedAt", reportedAt));
        }
        mongo.getCollection(IncidentSummaryCollection.NAME).insertMany(summaries);
        mongo.getCollection(ServiceLevelCollection.NAME).insertMany(serviceLevels);
        mongo.getCollection(REFUSALS).insertMany(refusals);
    }

    /** Adds the {@code stage} of each plan node, walking the inputs of the classic and slot based plan formats. */
    private static void collectStages(Object node, List<String> stages) {
        if (node instanceof Document document) {
            if (document.get("stage") instanceof String stage) {
                stages.add(stage);
            }
            document.values().forEach(value -> collectStages(value, stages));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectStages(value, stages));
        }
    }

    /** A query as MongoDB receives it: the filter and sort after Spring Data's mapping of names and values. */
    record RecordedQuery(String collection, Document filter, Document sort) {
    }

    /**
     * Records each filtered or sorted query on the three read models of this test. Queries with neither, such as the
     * statistics and exports without a selection, read the whole collection and need no index.
     */
    static class RecordingMongoTemplate extends MongoTemplate {

        final Set<RecordedQuery> recorded = Collections.synchronizedSet(new LinkedHashSet<>());

        private final QueryMapper mapper;

        RecordingMongoTemplate(MongoDatabaseFactory factory, MongoConverter converter) {
            super(factory, converter);
            this.mapper = new QueryMapper(converter);
        }

        @Override
        public <T> List<T> find(Query query, Class<T> entityClass, String collectionName) {
            record(query, entityClass, collectionName);
            return super.find(query, entityClass, collectionName);
        }

        @Override
        public <T> Stream<T> stream(Query query, Class<T> entityType, String collectionName) {
            record(query, entityType, collectionName);
            return super.stream(query, entityType, collectionName);
        }

        @Override
        public long count(Query query, Class<?> entityClass, String collectionName) {
            record(query, entityClass, collectionName);
            return super.count(query, entityClass, collectionName);
        }

        private void record(Query query, Class<?> entityClass, String collectionName) {
            if (!READ_MODELS.contains(collectionName)
                    || (query.getQueryObject().isEmpty() && query.getSortObject().isEmpty())) {
                return;
            }
            MongoPersistentEntity<?> entity = entityClass == null
                    ? null : getConverter().getMappingContext().getPersistentEntity(entityClass);
            recorded.add(new RecordedQuery(collectionName, mapper.getMappedObject(query.getQueryObject(), entity),
                    mapper.getMappedSort(query.getSortObject(), entity)));
        }
    }
}
