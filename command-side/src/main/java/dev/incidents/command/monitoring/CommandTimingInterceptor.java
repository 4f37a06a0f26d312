package dev.incidents.command.monitoring;

import dev.incidents.command.incident.IncidentRuleViolation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Times every command the command bus handles, from loading the aggregate to committing its events, as the timer
 * {@value #TIMER} tagged with the command's simple class name and its outcome. Axon registers this bean on the
 * command bus, so REST commands, imports, deadlines' follow-ups and start-up commands are all counted.
 * <p>
 * A command that takes {@link #SLOW_COMMAND} or longer is logged as a warning with its incident, in place of Axon's
 * handler timeouts, which this application turns off ({@code axon.timeout.enabled} in {@code application.yml}).
 */
@Component
public class CommandTimingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Prometheus exposes it as {@code incidents_commands_seconds_count}, {@code _sum}, {@code _max} and buckets. */
    public static final String TIMER = "incidents.commands";

    static final Duration SLOW_COMMAND = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(CommandTimingInterceptor.class);
    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private final MeterRegistry registry;
    private final long slowCommandNanos;

    @Autowired
    CommandTimingInterceptor(MeterRegistry registry) {
        this(registry, SLOW_COMMAND);
    }

    CommandTimingInterceptor(MeterRegistry registry, Duration slowCommand) {
        this.registry = registry;
        this.slowCommandNanos = slowCommand.toNanos();
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();

        // The cleanup phase runs after the commit or the rollback. The time thus includes storing the events, and a
        // failed commit, such as a concurrent change of the same incident, counts in the outcome.
        unitOfWork.onCleanup(finished -> {
            String outcome = outcome(finished);
            long took = sample.stop(timer(command, outcome));
            if (took >= slowCommandNanos) {
                log.warn("{} for incident {} took {} ms ({}, command {})", command, target(finished.getMessage()),
                        Duration.ofNanos(took).toMillis(), outcome, finished.getMessage().getIdentifier());
            }
        });
        return chain.proceed();
    }

    /** Returns the incident the command is for, or "none" for a command without a target, such as a report. */
    private static String target(CommandMessage<?> message) {
        try {
            return TARGETS.resolveTarget(message).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return "none";
        }
    }

    private Timer timer(String command, String outcome) {
        return Timer.builder(TIMER)
                .description("Commands handled, from loading the aggregate to storing its events")
                .tag("command", command)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Returns success, rejected (a lifecycle or permission rule), conflict (a stale If-Match version or a concurrent
     * change), not_found (an unknown incident) or failed (anything else, such as a storage error).
     */
    static String outcome(UnitOfWork<?> finished) {
        if (finished.getExecutionResult() == null || !finished.getExecutionResult().isExceptionResult()) {
            return "success";
        }
        Throwable cause = finished.getExecutionResult().getExceptionResult();
        if (cause instanceof IncidentRuleViolation) {
            return "rejected";
        }
        if (cause instanceof ConflictingModificationException) {
            return "conflict";
        }
        if (cause instanceof AggregateNotFoundException) {
            return "not_found";
        }
        return "failed";
    }
}
