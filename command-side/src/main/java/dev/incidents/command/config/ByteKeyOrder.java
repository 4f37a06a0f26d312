package dev.incidents.command.config;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The key type of the embedded MongoDB server's equality indexes: byte arrays in unsigned lexicographic order, so
 * all keys that start with the same bytes lie next to each other and a lookup reads one run of the map.
 */
final class ByteKeyOrder extends BasicDataType<byte[]> {

    static final ByteKeyOrder INSTANCE = new ByteKeyOrder();

    private ByteKeyOrder() {
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] key) {
        return key.length + 24;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] key) {
        buffer.putVarInt(key.length).put(key);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        byte[] key = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(key);
        return key;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
