package dev.incidents.command.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens uploaded log files, plain or gzip-compressed, by their content rather than their name. */
final class LogFiles {

    private static final int GZIP_MAGIC = 0x1f8b;

    private LogFiles() {
    }

    /** Opens {@code file} for reading and decompresses it when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream input = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        input.mark(2);
        int magic = (input.read() << 8) | input.read();
        input.reset();
        return magic == GZIP_MAGIC ? new BufferedInputStream(new GZIPInputStream(input, 1 << 16), 1 << 16) : input;
    }
}
