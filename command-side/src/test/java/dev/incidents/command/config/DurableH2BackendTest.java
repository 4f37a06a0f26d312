package dev.incidents.command.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Acknowledged writes from concurrent clients survive a crash of the store, and concurrent writers share commits.
 * Indexes written by the plain H2 backend keep working, because the faster key order is the same order.
 */
class DurableH2BackendTest {

    private static final int CLIENTS = 8;
    private static final int WRITES_PER_CLIENT = 40;

    @TempDir
    Path folder;

    @Test
    void acknowledgedWritesSurviveCrash() throws Exception {
        String file = folder.resolve("mongo.mv").toString();
        MVStore store = MVStore.open(file);
        DurableH2Backend backend = new DurableH2Backend(store);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();

        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> documents = client.getDatabase("test").getCollection("documents");
            writeConcurrently(documents);
        } finally {
            // Closing without a final commit, as a crash would, loses whatever no commit included.
            store.closeImmediately();
            server.shutdownNow();
        }

        int writes = CLIENTS * WRITES_PER_CLIENT;
        assertThat(backend.writeCommits()).as("commits for %d writes", writes).isLessThan(writes);
        assertThat(documentsIn(file)).isEqualTo(writes);
    }

    @Test
    void plainBackendIndexStillFindsDocuments() {
        String file = folder.resolve("mongo.mv").toString();
        int incidents = 500;
        MVStore plainStore = MVStore.open(file);
        MongoServer plain = new MongoServer(new H2Backend(plainStore));
        plain.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + plain.getLocalAddress().getPort())) {
            MongoCollection<Document> summaries = client.getDatabase("test").getCollection("summaries");
            for (int number = 0; number < incidents; number++) {
                summaries.insertOne(new Document("_id", "INC" + number).append("number", number));
            }
        } finally {
            plain.shutdown();
            if (!plainStore.isClosed()) {
                plainStore.close();
            }
        }

        MongoServer durable = new MongoServer(DurableH2Backend.open(file));
        durable.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + durable.getLocalAddress().getPort())) {
            MongoCollection<Document> summaries = client.getDatabase("test").getCollection("summaries");
            for (int number = 0; number < incidents; number++) {
                Document found = summaries.find(Filters.eq("_id", "INC" + number)).first();
                assertThat(found).as("INC%d by _id", number).isNotNull();
                assertThat(found.getInteger("number")).isEqualTo(number);
            }
            assertThat(summaries.countDocuments(Filters.in("_id", "INC7", "INC70", "INC499", "INC500")))
                    .isEqualTo(3);

            summaries.replaceOne(Filters.eq("_id", "INC42"), new Document("number", -42),
                    new ReplaceOptions().upsert(true));
            summaries.replaceOne(Filters.eq("_id", "INC-NEW"), new Document("number", 1_000),
                    new ReplaceOptions().upsert(true));
            assertThat(summaries.find(Filters.eq("_id", "INC42")).first().getInteger("number")).isEqualTo(-42);
            assertThat(summaries.countDocuments()).isEqualTo(incidents + 1);
            assertThatThrownBy(() -> summaries.insertOne(new Document("_id", "INC3")))
                    .isInstanceOf(MongoWriteException.class);
        } finally {
            durable.shutdown();
        }
    }

    @Test
    void concurrentUpdatesKeepStoreOpen() throws Exception {
        String file = folder.resolve("mongo.mv").toString();
        MongoServer server = new MongoServer(DurableH2Backend.open(file));
        server.bind("127.0.0.1", 0);
        int documentCount = 20;
        int updatesPerClient = 800;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> summaries = client.getDatabase("test").getCollection("summaries");
            for (int number = 0; number < documentCount; number++) {
                summaries.insertOne(wideDocument(number, 0));
            }

            // Each client updates every document in turn, so one client's update changes a document in a page that
            // another client's commit may be writing.
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int clientNumber = 0; clientNumber < CLIENTS; clientNumber++) {
                    int offset = clientNumber;
                    done.add(clients.submit(() -> {
                        for (int update = 0; update < updatesPerClient; update++) {
                            int number = (update + offset) % documentCount;
                            // Operators on top-level, nested and array fields, and whole replacements.
                            switch (update % 4) {
                                case 0 -> summaries.updateOne(Filters.eq("_id", "INC" + number),
                                        Updates.inc("updates", 1));
                                case 1 -> summaries.updateOne(Filters.eq("_id", "INC" + number),
                                        Updates.combine(Updates.set("detail.update", update),
                                                Updates.push("history", "update " + update)));
                                default -> summaries.replaceOne(Filters.eq("_id", "INC" + number),
                                        wideDocument(number, update));
                            }
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                clients.shutdownNow();
            }

            assertThat(summaries.countDocuments()).isEqualTo(documentCount);
        } finally {
            server.shutdown();
        }
    }

    /**
     * Returns a summary with many fields, so that writing it into a page takes a while, whose field names change
     * with the version, so that replacing it removes and adds fields.
     */
    private static Document wideDocument(int number, int version) {
        Document document = new Document("_id", "INC" + number).append("version", version)
                .append("detail", new Document("update", version)).append("history", List.of("version " + version));
        for (int field = 0; field < 200; field++) {
            document.append("field" + field + "-" + version % 3, "value " + field + " of version " + version);
        }
        return document;
    }

    private static void writeConcurrently(MongoCollection<Document> documents) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int clientNumber = client;
                done.add(clients.submit(() -> {
                    for (int write = 0; write < WRITES_PER_CLIENT; write++) {
                        documents.insertOne(new Document("_id", clientNumber + "-" + write).append("write", write));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static long documentsIn(String file) {
        DurableH2Backend reopened = DurableH2Backend.open(file);
        MongoServer server = new MongoServer(reopened);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            return client.getDatabase("test").getCollection("documents").countDocuments();
        } finally {
            server.shutdown();
        }
    }
}
