package dev.incidents.command.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
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

/**
 * Acknowledged writes from concurrent clients survive a crash of the store, and concurrent writers share commits.
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
