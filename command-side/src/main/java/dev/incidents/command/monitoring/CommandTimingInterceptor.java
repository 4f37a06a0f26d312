package dev.incidents.command.monitoring;

import dev.incidents.command.incident.IncidentRuleViolation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.stereotype.Component;

/**
 * Times every command the command bus handles, from loading the aggregate to committing its events, as the timer
 * {@value #TIMER} tagged with the command's simple class name and its outcome. Axon registers this bean on the
 * command bus, so REST commands, imports, deadlines' follow-ups and start-up commands are all counted.
 */
@Component
public class CommandTimingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Prometheus exposes it as {@code incidents_commands_seconds_count}, {@code _sum}, {@code _max} and buckets. */
    public static final String TIMER = "incidents.commands";

    private final MeterRegistry registry;

    CommandTimingInterceptor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();

        // The cleanup phase runs after the commit or the rollback. The time thus includes storing the events, and a
        // failed commit, such as a concurrent change of the same incident, counts in the outcome.
        unitOfWork.onCleanup(finished -> sample.stop(timer(command, outcome(finished))));
        return chain.proceed();
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
