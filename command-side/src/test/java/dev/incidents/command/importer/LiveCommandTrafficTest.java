package dev.incidents.command.importer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import workers send commands side by side without live commands, and one at a time while live commands run or
 * just ran.
 */
class LiveCommandTrafficTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final CountDownLatch bothInside = new CountDownLatch(2);
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger maxInside = new AtomicInteger();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void importsRunTogetherWithoutLiveCommands() throws Exception {
        LiveCommandTraffic traffic = new LiveCommandTraffic(true, Duration.ofSeconds(30));
        sendTwoImportedCommands(traffic);

        assertThat(maxInside).hasValue(2);
    }

    @Test
    void importsTakeTurnsWhileLiveCommandRuns() throws Exception {
        LiveCommandTraffic traffic = new LiveCommandTraffic(true, Duration.ofSeconds(30));
        traffic.started();
        sendTwoImportedCommands(traffic);

        assertThat(maxInside).hasValue(1);
    }

    @Test
    void importsTakeTurnsShortlyAfterLiveCommand() {
        LiveCommandTraffic traffic = new LiveCommandTraffic(true, Duration.ofSeconds(30));
        traffic.started();
        traffic.finished();

        assertThat(traffic.liveRecently()).isTrue();
    }

    @Test
    void importsRunTogetherAfterQuietPeriod() throws Exception {
        LiveCommandTraffic traffic = new LiveCommandTraffic(true, Duration.ofMillis(50));
        traffic.started();
        traffic.finished();
        Thread.sleep(200);

        sendTwoImportedCommands(traffic);

        assertThat(maxInside).hasValue(2);
    }

    @Test
    void disabledTrafficNeverHoldsImportsBack() throws Exception {
        LiveCommandTraffic traffic = new LiveCommandTraffic(false, Duration.ofSeconds(30));
        traffic.started();
        sendTwoImportedCommands(traffic);

        assertThat(maxInside).hasValue(2);
    }

    /** Sends two imported commands at once; each waits up to a second for the other to be inside too. */
    private void sendTwoImportedCommands(LiveCommandTraffic traffic) throws Exception {
        Future<Boolean> first = workers.submit(() -> traffic.sendImported(this::command));
        Future<Boolean> second = workers.submit(() -> traffic.sendImported(this::command));
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
    }

    private boolean command() {
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        bothInside.countDown();
        try {
            return bothInside.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            inside.decrementAndGet();
        }
    }
}
