package dev.incidents.benchmark.jmh;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;

import java.time.Instant;

/**
 * A deadline manager that accepts every schedule and cancellation and stores nothing, so the command benchmarks
 * measure the aggregate without the deadline store. The server's deadline manager writes each schedule to the
 * database, which these figures leave out.
 */
final class DiscardingDeadlineManager implements DeadlineManager {

    private long scheduled;

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        scheduled++;
        return deadlineName + "-" + scheduled;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        // Nothing is stored, so there is nothing to cancel.
    }

    @Override
    public void cancelAll(String deadlineName) {
        // Nothing is stored, so there is nothing to cancel.
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        // Nothing is stored, so there is nothing to cancel.
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return () -> true;
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return () -> true;
    }
}
