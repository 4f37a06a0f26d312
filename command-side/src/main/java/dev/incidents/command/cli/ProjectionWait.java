package dev.incidents.command.cli;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Waits until every event processor of the query side has handled the events in the event store. */
final class ProjectionWait {

    private final JsonHttp http;
    private final URI queryUrl;
    private final ProgressPrinter progress;
    private final Duration pollInterval;
    private final Duration stallTimeout;

    ProjectionWait(JsonHttp http, URI queryUrl, ProgressPrinter progress, Duration pollInterval, Duration stallTimeout) {
        this.http = http;
        this.queryUrl = queryUrl;
        this.progress = progress;
        this.pollInterval = pollInterval;
        this.stallTimeout = stallTimeout;
    }

    /** How long the query side may stay unreachable while the replay waits for it. */
    static final Duration MAX_UNREACHABLE = Duration.ofSeconds(60);

    /** Fetches the query side's projection status once. */
    ProjectionStatus fetch() throws IOException, InterruptedException {
        return http.get(queryUrl.resolve("/api/projections"), ProjectionStatus.class);
    }

    /**
     * Polls until the query side reports that it has caught up. Raises when no processor position moved for the
     * stall timeout.
     */
    ProjectionStatus awaitCaughtUp() throws IOException, InterruptedException {
        ProjectionStatus status = fetch();
        String lastPositions = positions(status);
        long lastProgressNanos = System.nanoTime();

        while (!status.isCaughtUp()) {
            progress.update(ProgressFormatter.projectionProgress(status));
            Thread.sleep(pollInterval.toMillis());
            status = fetchWhileReachable();

            String current = positions(status);
            if (!Objects.equals(current, lastPositions)) {
                lastPositions = current;
                lastProgressNanos = System.nanoTime();
            } else if (System.nanoTime() - lastProgressNanos > stallTimeout.toNanos()) {
                progress.breakLine();
                throw new IOException("The query side handled no event for " + stallTimeout.toSeconds()
                        + " s and has not caught up: " + ProgressFormatter.projectionProgress(status)
                        + ". See the query side's log.");
            }
        }
        progress.finish(ProgressFormatter.projectionProgress(status));
        return status;
    }

    /**
     * Fetches the status, retrying while the query side is unreachable, for example while it restarts, for at
     * most {@link #MAX_UNREACHABLE}.
     */
    private ProjectionStatus fetchWhileReachable() throws IOException, InterruptedException {
        long firstFailureNanos = 0;
        while (true) {
            try {
                return fetch();
            } catch (IOException e) {
                if (firstFailureNanos == 0) {
                    firstFailureNanos = System.nanoTime();
                } else if (System.nanoTime() - firstFailureNanos > MAX_UNREACHABLE.toNanos()) {
                    progress.breakLine();
                    throw new IOException("The query side at " + queryUrl + " did not respond for "
                            + MAX_UNREACHABLE.toSeconds() + " s (" + HealthCheck.describe(e) + "). Check it with"
                            + " bin/incidents status, start it with bin/incidents up, then run the replay again:"
                            + " the records already imported are skipped.", e);
                }
                Thread.sleep(pollInterval.toMillis());
            }
        }
    }

    private static String positions(ProjectionStatus status) {
        return status.processorList().stream()
                .map(processor -> processor.name() + "=" + processor.position())
                .toList()
                .toString();
    }
}
