package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded MongoDB server's H2 backend, which acknowledges a write command only after a store commit that
 * includes it. The plain backend leaves commits to H2's background writer (every second by default), so a crash of
 * this process could lose writes that clients already saw acknowledged: a read-model write, or the tracking token
 * that follows it.
 * <p>
 * Commits are grouped. A commit writes a chunk of the store file, and writers on other connections wait for it: in a
 * profile of a read model rebuild, the server's threads waited mostly for commits. Each write now waits for the first
 * commit that begins after it was applied, and one commit serves every write applied before it began, so concurrent
 * writers share commits instead of queueing one commit each.
 * <p>
 * Its databases look keys up in their unique indexes through {@link KeyIndexedH2Database}.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    /** Write commands applied to the store so far. */
    private final AtomicLong appliedWrites = new AtomicLong();
    private final Object commitLock = new Object();
    /** Applied writes that a finished commit included; guarded by {@code commitLock}. */
    private long committedWrites;
    private final AtomicLong writeCommits = new AtomicLong();

    DurableH2Backend(MVStore store) {
        super(store);
    }

    static DurableH2Backend open(String file) {
        return new DurableH2Backend(MVStore.open(file));
    }

    /** Opens the store file with a page cache of {@code cacheMb} megabytes, where H2's default is 16. */
    static DurableH2Backend open(String file, int cacheMb) {
        return new DurableH2Backend(new MVStore.Builder().fileName(file).cacheSize(cacheMb).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return KeyIndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document result = super.handleMessage(message);
        if (isWrite(message.getDocument())) {
            commitThrough(appliedWrites.incrementAndGet());
        }
        return result;
    }

    /** Returns once a commit that began after the write numbered {@code write} was applied has finished. */
    private void commitThrough(long write) {
        synchronized (commitLock) {
            if (committedWrites >= write) {
                return;
            }

            long applied = appliedWrites.get();
            commit();
            committedWrites = applied;
            writeCommits.incrementAndGet();
        }
    }

    /** Returns the number of store commits made for write commands, to show how many writes each one served. */
    long writeCommits() {
        return writeCommits.get();
    }

    private static boolean isWrite(Document command) {
        if (command == null || command.isEmpty()) {
            return false;
        }
        String name = command.keySet().iterator().next().toLowerCase(Locale.ROOT);
        return WRITE_COMMANDS.contains(name);
    }
}
