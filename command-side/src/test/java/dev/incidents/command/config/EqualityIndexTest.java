package dev.incidents.command.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries through the embedded server's non-unique indexes return the same results as the in-memory server, which
 * scans every document. They still do after inserts, updates, deletes, a restart and an upgrade from a file whose
 * indexes were never filled.
 */
class EqualityIndexTest {

    private static final String[] STATES = {"NEW", "ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED", "CLOSED"};
    private static final int DOCUMENTS = 1_500;

    @TempDir
    Path folder;

    private final List<Runnable> shutdowns = new ArrayList<>();
    private final Map<MongoCollection<Document>, MongoDatabase> databases = new IdentityHashMap<>();
    private MVStore indexedStore;
    private MongoServer indexedServer;

    @AfterEach
    void stopServers() {
        shutdowns.forEach(Runnable::run);
    }

    @Test
    void queriesMatchAScanThroughChangesAndRestart() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> reference = collection(startMemoryServer());
        MongoCollection<Document> indexed = collection(startIndexedServer(file));
        for (MongoCollection<Document> summaries : List.of(reference, indexed)) {
            createIndexes(summaries);
            summaries.insertMany(documents(new Random(7)));
        }
        assertSameAnswers(reference, indexed);

        for (MongoCollection<Document> summaries : List.of(reference, indexed)) {
            summaries.updateMany(Filters.eq("group", "G3"), Updates.set("state", "PENDING"));
            summaries.updateMany(Filters.eq("state", "NEW"), Updates.combine(
                    Updates.set("assignee", "A1"), Updates.push("tags", "rerouted")));
            summaries.deleteMany(Filters.in("group", "G5", "G6"));
            summaries.replaceOne(Filters.eq("_id", "INC17"), new Document("state", "CLOSED").append("group", "G9"));
            summaries.updateOne(Filters.eq("_id", "INC18"), Updates.unset("assignee"));
        }
        assertSameAnswers(reference, indexed);

        stopIndexedServer();
        assertSameAnswers(reference, collection(startIndexedServer(file)));
    }

    @Test
    void unfilledIndexesFilledOnOpen() {
        String file = folder.resolve("mongo.mv").toString();
        MVStore plainStore = MVStore.open(file);
        MongoServer plain = new MongoServer(new H2Backend(plainStore));
        plain.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + plain.getLocalAddress().getPort())) {
            MongoCollection<Document> summaries = client.getDatabase("test").getCollection("summaries");
            createIndexes(summaries);
            summaries.insertMany(documents(new Random(11)));
        } finally {
            plain.shutdown();
            plainStore.close();
        }

        MongoCollection<Document> reference = collection(startMemoryServer());
        createIndexes(reference);
        reference.insertMany(documents(new Random(11)));
        MongoCollection<Document> indexed = collection(startIndexedServer(file));

        Map<String, Object> keysPerIndex = validate(indexed);
        assertThat(keysPerIndex.get("group_1_state_1")).as("entries of group_1_state_1")
                .isEqualTo((long) DOCUMENTS);
        assertSameAnswers(reference, indexed);
    }

    /**
     * A store written before index keys followed the sort order has each index in a map named {@code _index_}. That
     * map is removed at the next start and the index filled again from the documents.
     */
    @Test
    void unorderedIndexMapsReplacedOnOpen() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> written = collection(startIndexedServer(file));
        createIndexes(written);
        written.insertMany(documents(new Random(13)));
        stopIndexedServer();
        try (MVStore store = MVStore.open(file)) {
            for (String index : List.of("state_1", "group_1_state_1_priority_1_reportedAt_-1")) {
                store.removeMap("test.summaries._ordered_" + index);
                MVMap<byte[], Object> earlier = store.openMap("test.summaries._index_" + index,
                        new MVMap.Builder<byte[], Object>().keyType(ByteKeyOrder.INSTANCE));
                earlier.put(new byte[] {4, 3, 'N', 'E', 'W'}, "INC1");
            }
        }

        MongoCollection<Document> reference = collection(startMemoryServer());
        createIndexes(reference);
        reference.insertMany(documents(new Random(13)));
        MongoCollection<Document> indexed = collection(startIndexedServer(file));

        assertThat(indexedStore.hasMap("test.summaries._index_state_1")).isFalse();
        assertThat(validate(indexed).get("state_1")).as("entries of state_1").isEqualTo((long) DOCUMENTS);
        assertSameAnswers(reference, indexed);
    }

    @Test
    void droppedIndexStaysOnOtherCollections() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> summaries = collection(startIndexedServer(file));
        MongoDatabase database = databases.get(summaries);
        MongoCollection<Document> active = database.getCollection("active");
        for (MongoCollection<Document> collection : List.of(summaries, active)) {
            collection.createIndex(Indexes.ascending("state"));
            collection.insertMany(documents(new Random(5)));
        }

        summaries.dropIndex("state_1");

        assertThat(indexNames(summaries)).doesNotContain("state_1");
        assertThat(indexNames(active)).contains("state_1");
        stopIndexedServer();
        MongoCollection<Document> reopened = collection(startIndexedServer(file));
        MongoDatabase reopenedDatabase = databases.get(reopened);
        assertThat(indexNames(reopenedDatabase.getCollection("active"))).as("after a restart").contains("state_1");
        assertThat(reopenedDatabase.runCommand(new Document("validate", "active")).get("keysPerIndex", Document.class)
                .get("state_1")).isEqualTo((long) DOCUMENTS);
        reopenedDatabase.drop();
        assertThat(reopenedDatabase.listCollectionNames()).isEmpty();
    }

    private static List<String> indexNames(MongoCollection<Document> collection) {
        List<String> names = new ArrayList<>();
        collection.listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }

    @Test
    void entryPerDocumentAndElement() {
        MongoCollection<Document> indexed = collection(startIndexedServer(folder.resolve("mongo.mv").toString()));
        createIndexes(indexed);
        List<Document> documents = documents(new Random(3));
        indexed.insertMany(documents);

        // A document with no tags still has an entry, so that a query on other fields of an index finds it.
        long tags = documents.stream()
                .mapToLong(document -> Math.max(1, document.getList("tags", String.class).size()))
                .sum();
        long withFlag = documents.stream().filter(document -> document.containsKey("flag")).count();
        Map<String, Object> keysPerIndex = validate(indexed);
        assertThat(keysPerIndex.get("state_1")).isEqualTo((long) DOCUMENTS);
        assertThat(keysPerIndex.get("tags_1")).isEqualTo(tags);
        assertThat(keysPerIndex.get("flag_1")).as("sparse index entries").isEqualTo(withFlag);
    }

    private void assertSameAnswers(MongoCollection<Document> reference, MongoCollection<Document> indexed) {
        Map<String, Bson> filters = new LinkedHashMap<>();
        filters.put("state", Filters.eq("state", "ASSIGNED"));
        filters.put("group and state", Filters.and(Filters.eq("group", "G2"), Filters.eq("state", "ASSIGNED")));
        filters.put("group only, prefix of compound", Filters.eq("group", "G4"));
        filters.put("state in", Filters.in("state", "ASSIGNED", "IN_PROGRESS", "PENDING"));
        filters.put("assignee with state in", Filters.and(Filters.eq("assignee", "A3"),
                Filters.in("state", "ASSIGNED", "IN_PROGRESS")));
        filters.put("with or", Filters.and(Filters.eq("state", "RESOLVED"),
                Filters.or(Filters.eq("group", "G1"), Filters.eq("assignee", "A2"))));
        filters.put("number as int", Filters.eq("priority", 2));
        filters.put("number as double", Filters.eq("priority", 2.0));
        filters.put("array element", Filters.eq("tags", "network"));
        filters.put("array elements in", Filters.in("tags", "network", "t1"));
        filters.put("and of equalities", Filters.and(Filters.eq("group", "G2"), Filters.in("state", "NEW", "CLOSED")));
        filters.put("field named twice", Filters.and(Filters.eq("state", "NEW"), Filters.eq("state", "CLOSED")));
        filters.put("equality with another operator", Filters.and(Filters.eq("state", "NEW"),
                Filters.ne("group", "G1")));
        filters.put("range too", Filters.and(Filters.eq("state", "NEW"), Filters.gte("reportedAt", 500)));
        filters.put("no match", Filters.eq("state", "UNKNOWN"));
        filters.put("null", Filters.eq("assignee", null));
        filters.put("sparse", Filters.eq("flag", true));
        filters.put("id", Filters.eq("_id", "INC18"));

        for (Map.Entry<String, Bson> filter : filters.entrySet()) {
            assertThat(ids(indexed, filter.getValue())).as(filter.getKey())
                    .isEqualTo(ids(reference, filter.getValue()));
            assertThat(indexed.countDocuments(filter.getValue())).as("count of " + filter.getKey())
                    .isEqualTo(reference.countDocuments(filter.getValue()));
        }
        Bson page = Filters.and(Filters.eq("group", "G2"), Filters.eq("state", "ASSIGNED"));
        assertThat(pageIds(indexed, page)).isEqualTo(pageIds(reference, page)).isNotEmpty();
        Bson scanned = Filters.gte("reportedAt", 100);
        assertThat(pageIds(indexed, scanned)).isEqualTo(pageIds(reference, scanned)).isNotEmpty();
        assertSamePages(reference, indexed);
    }

    /**
     * Compares pages of sorted queries, among them the queue order of a compound index read from its entries, the
     * reverse order, a sort on part of the index and missing values. Every order is total, since the two servers may
     * return documents with equal sort values in different orders.
     */
    private static void assertSamePages(MongoCollection<Document> reference, MongoCollection<Document> indexed) {
        Map<String, Bson> filters = new LinkedHashMap<>();
        filters.put("group and state", Filters.and(Filters.eq("group", "G2"), Filters.eq("state", "ASSIGNED")));
        filters.put("group and state with or", Filters.and(Filters.eq("group", "G2"), Filters.eq("state", "ASSIGNED"),
                Filters.or(Filters.eq("assignee", "A1"), Filters.eq("flag", true))));
        filters.put("group only", Filters.eq("group", "G4"));
        filters.put("state", Filters.eq("state", "NEW"));
        filters.put("state in", Filters.in("state", "NEW", "PENDING"));
        filters.put("no match", Filters.and(Filters.eq("group", "G2"), Filters.eq("state", "UNKNOWN")));
        Map<String, Bson> sorts = new LinkedHashMap<>();
        sorts.put("queue order", Sorts.orderBy(Sorts.ascending("priority"), Sorts.descending("reportedAt"),
                Sorts.ascending("_id")));
        sorts.put("queue order without id", Sorts.orderBy(Sorts.ascending("priority"), Sorts.descending("reportedAt")));
        sorts.put("part of the index", Sorts.orderBy(Sorts.ascending("priority"), Sorts.ascending("_id")));
        sorts.put("reverse", Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("reportedAt"),
                Sorts.descending("_id")));
        sorts.put("state and priority", Sorts.orderBy(Sorts.ascending("state"), Sorts.ascending("priority"),
                Sorts.descending("reportedAt"), Sorts.ascending("_id")));
        sorts.put("assignee, some missing", Sorts.orderBy(Sorts.ascending("assignee"), Sorts.ascending("_id")));
        int[][] pages = {{0, 0}, {0, 1}, {3, 25}, {40, 20}, {5000, 10}};

        for (Map.Entry<String, Bson> filter : filters.entrySet()) {
            for (Map.Entry<String, Bson> sort : sorts.entrySet()) {
                for (int[] page : pages) {
                    String description = filter.getKey() + ", " + sort.getKey() + ", skip " + page[0] + ", limit "
                            + page[1];
                    assertThat(sortedIds(indexed, filter.getValue(), sort.getValue(), page[0], page[1]))
                            .as(description)
                            .isEqualTo(sortedIds(reference, filter.getValue(), sort.getValue(), page[0], page[1]));
                }
            }
        }
    }

    private static List<String> sortedIds(MongoCollection<Document> summaries, Bson filter, Bson sort, int skip,
                                          int limit) {
        List<String> ids = new ArrayList<>();
        summaries.find(filter).sort(sort).skip(skip).limit(limit)
                .forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    private static List<String> ids(MongoCollection<Document> summaries, Bson filter) {
        List<String> ids = new ArrayList<>();
        summaries.find(filter).sort(Sorts.ascending("_id")).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    private static List<String> pageIds(MongoCollection<Document> summaries, Bson filter) {
        List<String> ids = new ArrayList<>();
        // Assignees are missing from some summaries, so missing values are sorted too.
        summaries.find(filter).sort(Sorts.orderBy(Sorts.ascending("priority"), Sorts.descending("assignee"),
                        Sorts.ascending("_id")))
                .skip(3).limit(25).forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    private static void createIndexes(MongoCollection<Document> summaries) {
        summaries.createIndex(Indexes.ascending("state"));
        summaries.createIndex(Indexes.ascending("group", "state"));
        summaries.createIndex(Indexes.ascending("assignee"));
        summaries.createIndex(Indexes.ascending("priority"));
        summaries.createIndex(Indexes.ascending("tags"));
        summaries.createIndex(Indexes.ascending("flag"), new IndexOptions().sparse(true));
        // Queue indexes: equality fields first, then the sort fields, one of them descending.
        summaries.createIndex(Indexes.compoundIndex(Indexes.ascending("group", "state", "priority"),
                Indexes.descending("reportedAt")));
        summaries.createIndex(Indexes.compoundIndex(Indexes.ascending("state", "priority"),
                Indexes.descending("reportedAt")));
        summaries.createIndex(Indexes.ascending("state", "assignee"));
    }

    private static List<Document> documents(Random random) {
        List<Document> documents = new ArrayList<>();
        for (int number = 0; number < DOCUMENTS; number++) {
            Document document = new Document("_id", "INC" + number)
                    .append("state", STATES[random.nextInt(STATES.length)])
                    .append("group", "G" + random.nextInt(10))
                    // Mixed number types: the server compares 2, 2L and 2.0 as equal.
                    .append("priority", random.nextBoolean() ? (Object) (1 + random.nextInt(4))
                            : (Object) (double) (1 + random.nextInt(4)))
                    .append("reportedAt", number)
                    .append("tags", random.nextBoolean() ? List.of("network", "t" + random.nextInt(3)) : List.of());
            if (random.nextInt(4) > 0) {
                document.append("assignee", "A" + random.nextInt(5));
            }
            if (random.nextInt(5) == 0) {
                document.append("flag", random.nextBoolean());
            }
            documents.add(document);
        }
        return documents;
    }

    /** Returns the number of entries of each index of the collection, as the validate command reports them. */
    private Map<String, Object> validate(MongoCollection<Document> summaries) {
        Document validation = databases.get(summaries).runCommand(new Document("validate", "summaries"));
        return validation.get("keysPerIndex", Document.class);
    }

    private MongoCollection<Document> collection(String uri) {
        MongoClient client = MongoClients.create(uri);
        shutdowns.add(0, client::close);
        MongoDatabase database = client.getDatabase("test");
        MongoCollection<Document> summaries = database.getCollection("summaries");
        databases.put(summaries, database);
        return summaries;
    }

    private String startMemoryServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        shutdowns.add(server::shutdownNow);
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    private String startIndexedServer(String file) {
        indexedStore = MVStore.open(file);
        indexedServer = new MongoServer(new DurableH2Backend(indexedStore));
        indexedServer.bind("127.0.0.1", 0);
        MVStore store = indexedStore;
        MongoServer server = indexedServer;
        shutdowns.add(() -> {
            server.shutdownNow();
            if (!store.isClosed()) {
                store.close();
            }
        });
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    private void stopIndexedServer() {
        indexedServer.shutdownNow();
        indexedStore.close();
    }
}
