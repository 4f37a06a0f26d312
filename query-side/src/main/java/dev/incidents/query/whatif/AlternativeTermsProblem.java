package dev.incidents.query.whatif;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ServiceLevelTargets;
import dev.incidents.query.whatif.IncidentJudgement.AlternativeTermsFailedException;
import dev.incidents.query.whatif.WhatIfRequest.CalendarReference;
import dev.incidents.query.whatif.WhatIfRequest.InlineCalendar;
import dev.incidents.query.whatif.WhatIfRequest.InlinePolicy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the field of a what-if request whose terms the clocks cannot count, so the request gets 400 instead of a
 * server error. It blames the calendar when it cannot count a millisecond from the incident's report time, else
 * the first target that cannot be added to the report time on the calendar, else the calendar.
 */
final class AlternativeTermsProblem {

    private AlternativeTermsProblem() {
    }

    /** Rejects the request before any incident is read when the calendar has no opening interval on any day. */
    static void checkOpeningHours(WhatIfRequest request, AlternativeTerms alternative) {
        BusinessCalendar calendar = alternative.terms().customerCalendar().calendar();
        if (calendar.openingHours().values().stream().allMatch(List::isEmpty)) {
            throw calendarProblem(request, alternative, "has no opening interval on any day of the week, so no"
                    + " business time can be counted on it; give a calendar with opening hours");
        }
    }

    /** Returns the 400 failure for clocks that failed under the alternative terms. */
    static InvalidWhatIfRequestException of(WhatIfRequest request, AlternativeTerms alternative,
                                            AlternativeTermsFailedException failure) {
        BusinessCalendar calendar = alternative.terms().customerCalendar().calendar();
        String incident = "incident " + failure.incidentId() + " reported at " + failure.reportedAt();
        // A calendar that cannot count even a millisecond fails every target, so the calendar is at fault.
        if (reasonAdding(calendar, failure.reportedAt(), Duration.ofMillis(1)) != null) {
            return calendarProblem(request, alternative, "cannot count the clocks of " + incident + ": "
                    + failure.getCause().getMessage() + "; give a calendar with more opening hours or fewer holidays");
        }
        for (Map.Entry<String, Duration> target : targets(alternative).entrySet()) {
            String reason = reasonAdding(calendar, failure.reportedAt(), target.getValue());
            if (reason == null) {
                continue;
            }
            if (request.policy() instanceof InlinePolicy) {
                return new InvalidWhatIfRequestException("policy.targets." + target.getKey(),
                        target.getValue().toString(), "cannot be counted on the calendar from " + incident + ": "
                        + reason + "; give a smaller target or a calendar with more opening hours");
            }
            return new InvalidWhatIfRequestException("policy", policyReference(alternative), "sets the target "
                    + target.getKey() + " " + target.getValue() + ", which cannot be counted on the calendar from "
                    + incident + ": " + reason + "; judge by a policy version with smaller targets");
        }
        return calendarProblem(request, alternative, "cannot count the clocks of " + incident + ": "
                + failure.getCause().getMessage() + "; give a calendar with more opening hours or fewer holidays");
    }

    private static String reasonAdding(BusinessCalendar calendar, Instant start, Duration target) {
        try {
            calendar.addBusinessTime(start, target);
            return null;
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            return e.getMessage();
        }
    }

    /** Returns the targets of the alternative policy by their field path below policy.targets, P1 first. */
    private static Map<String, Duration> targets(AlternativeTerms alternative) {
        Map<String, Duration> targets = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            ServiceLevelTargets target = alternative.terms().policy().targets().get(priority);
            if (target == null) {
                continue;
            }
            targets.put(priority.name() + ".response", target.response());
            targets.put(priority.name() + ".resolution", target.resolution());
            if (target.supportGroupResponse() != null) {
                targets.put(priority.name() + ".supportGroupResponse", target.supportGroupResponse());
            }
        }
        return targets;
    }

    private static InvalidWhatIfRequestException calendarProblem(WhatIfRequest request, AlternativeTerms alternative,
                                                                 String rule) {
        String calendar = "{\"id\":\"" + alternative.calendarId() + "\",\"version\":" + alternative.calendarVersion()
                + "}";
        if (request.calendar() instanceof CalendarReference) {
            return new InvalidWhatIfRequestException("calendar", calendar, rule);
        }
        if (request.calendar() instanceof InlineCalendar inline) {
            return new InvalidWhatIfRequestException("calendar", inline.calendar().toString(), rule);
        }
        // A published policy chosen without a calendar counts on the latest version of the calendar it names.
        return new InvalidWhatIfRequestException("policy", policyReference(alternative), "counts on calendar "
                + calendar + ", which " + rule);
    }

    private static String policyReference(AlternativeTerms alternative) {
        return "{\"id\":\"" + alternative.policyId() + "\",\"version\":" + alternative.policyVersion() + "}";
    }
}
