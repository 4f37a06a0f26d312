package dev.incidents.command.config;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * A deadline manager that remembers which deadlines each scope scheduled, so that cancelling the deadlines of one
 * incident costs a lookup by key instead of a pass over every scheduled deadline.
 * <p>
 * Axon's {@code DbSchedulerDeadlineManager} cancels the deadlines of a scope by reading and deserialising every
 * scheduled deadline of its task. With a few thousand live incidents each assignment, resolution and closure then
 * takes seconds. This manager records each schedule id in {@link DeadlineScheduleIndex}, in the command's
 * transaction, and cancels by those ids. Deadlines that fired stay in the index until their scope cancels again, and
 * are pruned at start; cancelling one is a no-op.
 * <p>
 * A deadline scheduled before the index existed is not found by a cancellation and fires at its time. The incident's
 * deadline handlers check that the deadline still applies, so such a deadline changes nothing.
 */
class IndexedDeadlineManager implements DeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(IndexedDeadlineManager.class);

    private final DeadlineManager delegate;
    private final DeadlineScheduleIndex index;

    IndexedDeadlineManager(DeadlineManager delegate, DeadlineScheduleIndex index) {
        this.delegate = delegate;
        this.index = index;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        String scheduleId = delegate.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);

        index.add(scheduleId, deadlineName, deadlineScope.scopeDescription());
        return scheduleId;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        delegate.cancelSchedule(deadlineName, scheduleId);
        index.remove(scheduleId);
    }

    @Override
    public void cancelAll(String deadlineName) {
        delegate.cancelAll(deadlineName);
        index.removeAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String scopeKey = scope.scopeDescription();
        List<String> scheduleIds = index.scheduleIds(deadlineName, scopeKey);

        for (String scheduleId : scheduleIds) {
            delegate.cancelSchedule(deadlineName, scheduleId);
        }
        index.removeAll(deadlineName, scopeKey);
        log.debug("Cancelled {} {} deadline(s) of {}", scheduleIds.size(), deadlineName, scopeKey);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
