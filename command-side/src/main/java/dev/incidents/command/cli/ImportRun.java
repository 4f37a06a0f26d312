package dev.incidents.command.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** Uploads an incident log to the command side and follows the import until it completes or fails. */
final class ImportRun {

    /** How long the command side may stay unreachable while an import runs before the run gives up. */
    private static final Duration MAX_UNREACHABLE = Duration.ofSeconds(30);

    private final JsonHttp http;
    private final URI commandUrl;
    private final ProgressPrinter progress;
    private final Duration pollInterval;
    private final Duration stallTimeout;

    ImportRun(JsonHttp http, URI commandUrl, ProgressPrinter progress, Duration pollInterval, Duration stallTimeout) {
        this.http = http;
        this.commandUrl = commandUrl;
        this.progress = progress;
        this.pollInterval = pollInterval;
        this.stallTimeout = stallTimeout;
    }

    /** An accepted upload: the URL to poll and the import's first status. */
    record Accepted(URI location, ImportStatus status) {
    }

    /**
     * Streams {@code file} from disk as the request body and returns the accepted import.
     *
     * @param zone the time zone of a log with local times, or null for the command side's setting
     */
    Accepted upload(Path file, String format, String zone) throws IOException, InterruptedException {
        URI uri = commandUrl.resolve("/api/imports?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8)
                + (zone == null ? "" : "&zone=" + URLEncoder.encode(zone, StandardCharsets.UTF_8)));
        HttpRequest request = http.newRequest(uri)
                .header("Content-Type", "application/octet-stream")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> response = http.send(request);
        if (response.statusCode() != 202) {
            throw new JsonHttp.UnexpectedStatusException("POST", uri, response.statusCode(), response.body());
        }

        ImportStatus status = http.mapper().readValue(response.body(), ImportStatus.class);
        URI location = response.headers().firstValue("Location")
                .map(commandUrl::resolve)
                .orElseGet(() -> commandUrl.resolve("/api/imports/" + status.importId()));
        return new Accepted(location, status);
    }

    /**
     * Polls the import until it is COMPLETED or FAILED and returns that last status. Raises when the record count
     * has not moved for the stall timeout, or the command side has not responded for {@link #MAX_UNREACHABLE}.
     */
    ImportStatus awaitEnd(Accepted accepted) throws IOException, InterruptedException {
        ImportStatus status = accepted.status();
        long lastProgressNanos = System.nanoTime();
        Long lastSourceRecords = status.sourceRecords();
        long unreachableSinceNanos = -1;

        while (!status.isCompleted() && !status.isFailed()) {
            progress.update(ProgressFormatter.importProgress(status));
            Thread.sleep(pollInterval.toMillis());

            try {
                status = http.get(accepted.location(), ImportStatus.class);
                unreachableSinceNanos = -1;
            } catch (JsonHttp.UnexpectedStatusException e) {
                throw e;
            } catch (IOException e) {
                long now = System.nanoTime();
                unreachableSinceNanos = unreachableSinceNanos < 0 ? now : unreachableSinceNanos;
                if (now - unreachableSinceNanos > MAX_UNREACHABLE.toNanos()) {
                    throw new IOException("The command side did not respond for " + MAX_UNREACHABLE.toSeconds()
                            + " s while import " + accepted.status().importId() + " was running: "
                            + HealthCheck.describe(e), e);
                }
                continue;
            }

            if (!Objects.equals(status.sourceRecords(), lastSourceRecords)) {
                lastSourceRecords = status.sourceRecords();
                lastProgressNanos = System.nanoTime();
            } else if (System.nanoTime() - lastProgressNanos > stallTimeout.toNanos()) {
                progress.breakLine();
                throw new IOException("Import " + status.importId() + " read no record for "
                        + stallTimeout.toSeconds() + " s; its state is still " + status.state()
                        + ". See the command side's log.");
            }
        }
        progress.finish(ProgressFormatter.importProgress(status) + ", " + status.state());
        return status;
    }
}
