package dev.incidents.command.monitoring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTimingInterceptorTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(CommandTimingInterceptor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

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
    void slowCommandLogsIncident() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new ResolvePrinter("INC-77"));

        handle(new CommandTimingInterceptor(registry, Duration.ZERO), command);

        assertThat(logged.list).hasSize(1);
        ILoggingEvent warning = logged.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage())
                .startsWith("ResolvePrinter for incident INC-77 took")
                .contains("success")
                .contains(command.getIdentifier());
    }

    @Test
    void untargetedSlowCommandLogsNone() {
        handle(new CommandTimingInterceptor(registry, Duration.ZERO),
                GenericCommandMessage.asCommandMessage(new ReportPrinter("Toner low")));

        assertThat(logged.list).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("ReportPrinter for incident none took");
    }

    @Test
    void fastCommandTimedNotLogged() {
        handle(new CommandTimingInterceptor(registry, Duration.ofHours(1)),
                GenericCommandMessage.asCommandMessage(new ResolvePrinter("INC-78")));

        assertThat(logged.list).isEmpty();
        assertThat(registry.get(CommandTimingInterceptor.TIMER).tag("command", "ResolvePrinter").timer().count())
                .isEqualTo(1);
    }

    private static void handle(CommandTimingInterceptor interceptor, CommandMessage<?> command) {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, List.of(interceptor), message -> null).proceed());
    }

    record ResolvePrinter(@TargetAggregateIdentifier String incidentId) {
    }

    record ReportPrinter(String summary) {
    }
}
