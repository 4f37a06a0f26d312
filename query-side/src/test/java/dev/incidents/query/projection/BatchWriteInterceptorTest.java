package dev.incidents.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class BatchWriteInterceptorTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(BatchWriteInterceptor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void slowBatchLogsProcessorAndSize() {
        List<EventMessage<?>> batch = List.of(GenericEventMessage.asEventMessage("first"),
                GenericEventMessage.asEventMessage("second"), GenericEventMessage.asEventMessage("third"));

        handle(new BatchWriteInterceptor("audit-trail", Duration.ZERO), batch);

        assertThat(logged.list).hasSize(1);
        ILoggingEvent warning = logged.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage())
                .contains("Processor audit-trail took")
                .contains("a batch of 3 events")
                .contains(batch.get(2).getIdentifier());
    }

    @Test
    void fastBatchLogsNothing() {
        List<EventMessage<?>> batch = List.of(GenericEventMessage.asEventMessage("first"),
                GenericEventMessage.asEventMessage("second"));

        handle(new BatchWriteInterceptor("audit-trail", Duration.ofHours(1)), batch);

        assertThat(logged.list).isEmpty();
    }

    private static void handle(BatchWriteInterceptor interceptor, List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), message -> null).proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
    }
}
