package dev.incidents.command.servicelevel;

import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.SaveBusinessCalendarCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The saved versions of one business calendar. Versions count from 1, and saving content equal to the latest
 * version records nothing, so a repeated save is harmless.
 */
@Aggregate(commandTargetResolver = ServiceLevelStreams.TARGET_RESOLVER)
public class BusinessCalendarHistory {

    @AggregateIdentifier
    private String streamId;
    private int version;
    private BusinessCalendar latest;

    protected BusinessCalendarHistory() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ServiceLevelVersion handle(SaveBusinessCalendarCommand command) {
        String calendarId = ServiceLevelIds.require("calendar", command.calendarId());
        if (command.calendar() == null) {
            throw new InvalidServiceLevelException("Cannot save calendar " + calendarId + ": its zone and opening"
                    + " hours are missing. Give a zone, openingHours and holidays.");
        }
        CalendarRules.requireUsable(calendarId, command.calendar());
        if (command.calendar().equals(latest)) {
            return new ServiceLevelVersion(calendarId, version, false);
        }

        apply(new BusinessCalendarSaved(calendarId, version + 1, command.calendar(), command.actor(),
                command.occurredAt()));
        return new ServiceLevelVersion(calendarId, version, true);
    }

    @EventSourcingHandler
    void on(BusinessCalendarSaved event) {
        streamId = ServiceLevelStreams.calendar(event.calendarId());
        version = event.version();
        latest = event.calendar();
    }
}
