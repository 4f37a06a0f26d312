package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;

/**
 * The embedded MongoDB server's H2 backend, committing its store after every write command. The plain backend
 * leaves commits to H2's background writer (every second by default), so a crash of this process could lose
 * writes that clients already saw acknowledged: a read-model write, or the tracking token that follows it.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    DurableH2Backend(MVStore store) {
        super(store);
    }

    static DurableH2Backend open(String file) {
        return new DurableH2Backend(MVStore.open(file));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document result = super.handleMessage(message);
        if (isWrite(message.getDocument())) {
            commit();
        }
        return result;
    }

    private static boolean isWrite(Document command) {
        if (command == null || command.isEmpty()) {
            return false;
        }
        String name = command.keySet().iterator().next().toLowerCase(Locale.ROOT);
        return WRITE_COMMANDS.contains(name);
    }
}
