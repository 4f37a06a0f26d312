package dev.incidents.query.projection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ProcessorRestarterTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ProcessorRestarter restarter = new ProcessorRestarter(executor, Duration.ofMillis(10),
            Duration.ofMillis(40));

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void retriesUntilProcessorStarts() {
        AtomicBoolean running = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenAnswer(invocation -> running.get());
        doAnswer(invocation -> {
            if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("token store unreachable");
            }
            running.set(true);
            return null;
        }).when(processor).start();

        restarter.restart(processor, "audit-trail", "rebuild-1");

        await().atMost(5, TimeUnit.SECONDS).until(running::get);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void leavesRunningProcessorAlone() {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(true);

        restarter.restart(processor, "audit-trail", "rebuild-1");

        verify(processor, never()).start();
    }

    @Test
    void stopsTryingWhenShuttingDown() {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        doAnswer(invocation -> {
            throw new IllegalStateException("token store unreachable");
        }).when(processor).start();
        executor.shutdownNow();

        restarter.restart(processor, "audit-trail", "rebuild-1");

        verify(processor).start();
    }
}
