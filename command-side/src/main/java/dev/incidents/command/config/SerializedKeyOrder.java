package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key type of the embedded MongoDB server's unique indexes: H2's {@link ObjectDataType} with the same stored form
 * and the same order, and fewer serializations.
 * <p>
 * The server keys each index by a {@link KeyValue}, which H2 stores as a serialized Java object and orders by its
 * serialized bytes. H2 serializes both keys again on every comparison, two objects for each step of a search, and a
 * profile of an import found 46 % of the server's processor samples there. This type compares the same
 * bytes, so an index written before keeps its order, but serializes the searched key once per search and each stored
 * key once while it stays in memory.
 */
final class SerializedKeyOrder extends ObjectDataType {

    /** Serialized forms of the stored keys, by identity, dropped when the key is garbage collected. */
    private final Map<IdentityReference, byte[]> storedForms = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return a == b ? 0 : compareNotNull(serialized(a), serialized(b));
        }
        return super.compare(a, b);
    }

    @Override
    public int binarySearch(Object key, Object storage, int size, int initialGuess) {
        if (!(key instanceof KeyValue)) {
            return super.binarySearch(key, storage, size, initialGuess);
        }
        byte[] searched = serialize(key);
        Object[] keys = (Object[]) storage;

        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Object stored = keys[middle];
            int comparison = stored instanceof KeyValue ? compareNotNull(searched, serialized(stored))
                    : super.compare(key, stored);
            if (comparison > 0) {
                low = middle + 1;
            } else if (comparison < 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    private byte[] serialized(Object key) {
        dropCollected();
        return storedForms.computeIfAbsent(new IdentityReference(key, collected), reference -> serialize(key));
    }

    private void dropCollected() {
        for (Object reference = collected.poll(); reference != null; reference = collected.poll()) {
            storedForms.remove(reference);
        }
    }

    /** A weak reference that equals another one when both refer to the same object. */
    private static final class IdentityReference extends WeakReference<Object> {

        private final int hash;

        IdentityReference(Object key, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object referent = get();
            return other instanceof IdentityReference reference && referent != null && referent == reference.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
