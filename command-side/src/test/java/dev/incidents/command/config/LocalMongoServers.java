package dev.incidents.command.config;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * MongoDB servers on free loopback ports for tests that compare the embedded server with the in-memory one, and the
 * clients of their collections. {@link #close()} closes the clients, then stops the servers and closes their stores.
 */
final class LocalMongoServers implements AutoCloseable {

    private final List<Runnable> clients = new ArrayList<>();
    private final List<Runnable> servers = new ArrayList<>();
    private final List<Runnable> indexedServers = new ArrayList<>();
    private final List<MVStore> stores = new ArrayList<>();

    /** Returns collection {@code name} of database {@code test} through a new client of the server at {@code uri}. */
    MongoCollection<Document> collection(String uri, String name) {
        MongoClient client = MongoClients.create(uri);
        clients.add(client::close);
        return client.getDatabase("test").getCollection(name);
    }

    /** Starts the in-memory server, which scans every document, and returns its URI. */
    String startMemoryServer() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        servers.add(server::shutdownNow);
        return uri(server);
    }

    /** Starts the embedded server of the command side on the store file and returns its URI. */
    String startIndexedServer(String file) {
        MVStore store = MVStore.open(file);
        MongoServer server = new MongoServer(new DurableH2Backend(store));
        server.bind("127.0.0.1", 0);
        Runnable stop = () -> {
            server.shutdownNow();
            if (!store.isClosed()) {
                store.close();
            }
        };
        servers.add(stop);
        indexedServers.add(stop);
        stores.add(store);
        return uri(server);
    }

    /** Returns the store of the embedded server started last. */
    MVStore lastStore() {
        return stores.get(stores.size() - 1);
    }

    /** Stops the embedded server started last and closes its store, as a shutdown of the command side does. */
    void stopLastIndexedServer() {
        Runnable stop = indexedServers.remove(indexedServers.size() - 1);
        servers.remove(stop);
        stop.run();
    }

    @Override
    public void close() {
        clients.forEach(Runnable::run);
        servers.forEach(Runnable::run);
    }

    private static String uri(MongoServer server) {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }
}
