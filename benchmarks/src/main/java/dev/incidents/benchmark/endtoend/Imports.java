package dev.incidents.benchmark.endtoend;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Uploads incident logs to the command side's import and waits for it and for the query side. */
final class Imports {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(3);

    private Imports() {
    }

    /**
     * The durations of one import.
     *
     * @param records       source records read
     * @param importSeconds from the upload until the command side had applied every record
     * @param caughtUpSeconds from the upload until every processor of the query side had handled the last event, or
     *                        NaN when no query side was waited for
     * @param storedEvents  events in the store afterwards (the query side's head), or -1 when not known
     */
    record Timing(long records, double importSeconds, double caughtUpSeconds, long storedEvents) {
    }

    /**
     * Uploads a log and waits until the command side has applied it, and, when {@code querySide} is not null, until
     * the query side has caught up.
     *
     * @param workers incidents the import sends commands for at once, or 0 for the server's setting
     */
    static Timing run(Api commandSide, Api querySide, Path log, String format, int workers)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        String path = "/api/imports?format=" + format + (workers > 0 ? "&workers=" + workers : "");
        JsonNode accepted = commandSide.upload(path, log);
        String importId = accepted.get("importId").asText();

        JsonNode progress = accepted;
        while (!"COMPLETED".equals(progress.path("state").asText())) {
            if ("FAILED".equals(progress.path("state").asText())) {
                throw new IOException("import " + importId + " of " + log + " failed: " + progress);
            }
            Thread.sleep(POLL.toMillis());
            progress = commandSide.get("/api/imports/" + importId);
            stallCheck(started, "import " + importId);
        }
        double importSeconds = seconds(started);
        long records = progress.path("sourceRecords").asLong();
        if (querySide == null) {
            return new Timing(records, importSeconds, Double.NaN, -1);
        }

        long head = awaitCaughtUp(querySide, started);
        return new Timing(records, importSeconds, seconds(started), head);
    }

    /** Waits until every processor of the query side has handled the newest event; returns the store's head. */
    static long awaitCaughtUp(Api querySide, long startedNanos) throws IOException, InterruptedException {
        while (true) {
            JsonNode status = querySide.get("/api/projections");
            if (status.path("caughtUp").asBoolean()) {
                return status.path("head").asLong();
            }
            Thread.sleep(POLL.toMillis());
            stallCheck(startedNanos, "query side catching up");
        }
    }

    private static void stallCheck(long startedNanos, String what) throws IOException {
        if (System.nanoTime() - startedNanos > STALL_TIMEOUT.toNanos() * 4) {
            throw new IOException(what + " took longer than " + STALL_TIMEOUT.toMinutes() * 4 + " min");
        }
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
