package dev.incidents.query.analytics;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPermitsTest {

    private final ReportPermits permits = new ReportPermits(1, Duration.ofMillis(100));

    @Test
    void reportBeyondLimitGets503() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> permits.compute("flow", "ann", () -> {
            running.countDown();
            await(finish);
            return "first";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> permits.compute("flow", "bob", () -> "second"))
                .isInstanceOfSatisfying(ErrorResponseException.class, busy -> {
                    assertThat(busy.getStatusCode().value()).isEqualTo(503);
                    assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("5");
                    assertThat(busy.getBody().getProperties()).containsEntry("code", ReportPermits.REPORTS_BUSY);
                    assertThat(busy.getBody().getDetail()).contains("at most 1", "Retry");
                });

        finish.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(permits.compute("flow", "bob", () -> "third")).isEqualTo("third");
    }

    @Test
    void failedReportReleasesItsPermit() {
        assertThatThrownBy(() -> permits.compute("flow", "ann", () -> {
            throw new IllegalStateException("store unreachable");
        })).hasMessage("store unreachable");

        assertThat(permits.compute("flow", "ann", () -> "next")).isEqualTo("next");
    }

    @Test
    void zeroPermitsAreRefused() {
        assertThatThrownBy(() -> new ReportPermits(0, Duration.ofSeconds(1)))
                .hasMessageContaining("max-concurrent-reports 0");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
