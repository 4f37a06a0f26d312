package dev.incidents.command.importer;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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

    /**
     * Describes why an uploaded log could not be read, in terms of the upload: a truncated or corrupt compressed
     * file gets a plain message, and a parser's message loses the parser's internal reference chain.
     */
    static String describeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException) {
                return "the file ends before its compressed data does: the upload is truncated; upload the whole"
                        + " file";
            }
            if (cause instanceof ZipException) {
                return "the compressed data is corrupt (" + cause.getMessage() + "): upload the file again, or"
                        + " upload it uncompressed";
            }
        }
        if (failure instanceof JsonProcessingException json) {
            return json.getOriginalMessage();
        }
        return failure.getMessage();
    }

    /**
     * Reads the whole file as {@link #open} does and returns why its compressed data is unreadable, or null if it
     * reads to the end (or cannot be opened at all, which the caller reports on its own).
     */
    static String compressionFailure(Path file) {
        try (InputStream input = open(file)) {
            input.transferTo(OutputStream.nullOutputStream());
            return null;
        } catch (EOFException | ZipException e) {
            return describeFailure(e);
        } catch (IOException e) {
            return null;
        }
    }
}
