package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
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
 * bytes, so an index written before keeps its order, but serializes each key once while it stays in memory, and
 * writes a page of keys from those forms.
 */
final class SerializedKeyOrder extends ObjectDataType {

    /** ObjectDataType's tag of a serialized Java object. */
    private static final byte SERIALIZED_OBJECT = 19;

    /** Serialized forms of the stored keys, by identity, dropped when the key is garbage collected. */
    private final Map<IdentityReference, byte[]> storedForms = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** Estimate of a key's memory, twice its serialized size as ObjectDataType estimates it. */
    private volatile int averageKeyMemory = 256;

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
        // A lookup searches one page on each level of the tree with the same key object, so its form is kept too.
        byte[] searched = serialized(key);
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

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!(value instanceof KeyValue)) {
            super.write(buffer, value);
            return;
        }

        // The layout of ObjectDataType's serialized objects, from the form kept in memory.
        byte[] stored = serialized(value);
        buffer.put(SERIALIZED_OBJECT).putVarInt(stored.length).put(stored);
        averageKeyMemory = (averageKeyMemory * 15 + stored.length * 2) / 16;
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof KeyValue ? averageKeyMemory : super.getMemory(value);
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
