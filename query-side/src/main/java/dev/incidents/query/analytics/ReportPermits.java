package dev.incidents.query.analytics;

import dev.incidents.access.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the analytics and what-if reports this query side computes at once. Each report keeps the service level
 * records of its selection in memory. With the BPI Challenge 2013 and ServiceNow replays loaded, ten concurrent
 * reports ran a query side with a 512 MB heap out of memory, which also stopped its event processors. A request that
 * finds every permit taken waits for one, then gets 503 with a Retry-After header.
 */
@Component
public class ReportPermits {

    /** Problem code of a report refused because the query side is busy with others. */
    public static final String REPORTS_BUSY = "REPORTS_BUSY";

    private static final Logger log = LoggerFactory.getLogger(ReportPermits.class);

    private final Semaphore permits;
    private final int maxConcurrent;
    private final Duration maxWait;

    ReportPermits(@Value("${incidents.analytics.max-concurrent-reports:2}") int maxConcurrent,
                  @Value("${incidents.analytics.report-wait:PT20S}") Duration maxWait) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("invalid incidents.analytics.max-concurrent-reports " + maxConcurrent
                    + ": use 1 or more");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.maxWait = maxWait;
    }

    /** Computes the report once a permit is free; refuses with 503 after waiting {@code maxWait}. */
    public <T> T compute(String report, String user, Supplier<T> computation) {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Refused the {} report of user {}: {} reports still running after {} s", report, user,
                        maxConcurrent, maxWait.toSeconds());
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return computation.get();
        } finally {
            permits.release();
        }
    }

    private ErrorResponseException busy() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, REPORTS_BUSY, "Reports busy",
                "This query side computes at most " + maxConcurrent + " analytics or what-if reports at once, and"
                        + " none finished within " + maxWait.toSeconds() + " s. Retry in a few seconds, or raise"
                        + " incidents.analytics.max-concurrent-reports with the heap.");
        ErrorResponseException exception = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return exception;
    }
}
