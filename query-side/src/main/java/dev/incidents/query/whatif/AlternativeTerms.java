package dev.incidents.query.whatif;

import dev.incidents.api.query.BusinessCalendarVersion;
import dev.incidents.api.query.ServiceLevelPolicyVersion;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.servicelevel.ServiceLevelDefinitionLookup;
import dev.incidents.query.whatif.WhatIfRequest.CalendarReference;
import dev.incidents.query.whatif.WhatIfRequest.InlineCalendar;
import dev.incidents.query.whatif.WhatIfRequest.InlinePolicy;
import dev.incidents.query.whatif.WhatIfRequest.PolicyReference;

import java.time.Instant;
import java.util.Map;

/**
 * The terms a what-if analysis judges every incident by, with the ids and versions it names in its report. Inline
 * policies and calendars have no id or version there.
 *
 * <p>NOTE: the terms hold no support group calendars, because the analysis compares the response and resolution
 * clocks only, which count on the customer calendar.
 */
record AlternativeTerms(ServiceLevelTerms terms, String policyId, Integer policyVersion, String calendarId,
                        Integer calendarVersion) {

    /** Id and version under which inline policies and calendars run; they never appear in a report. */
    private static final String INLINE_ID = "what-if";
    private static final int INLINE_VERSION = 1;

    /**
     * Resolves the policy and calendar of a request. Without a calendar, a published policy runs on the latest
     * version of the calendar it names.
     *
     * @throws InvalidWhatIfRequestException when an inline policy comes without a calendar
     * @throws dev.incidents.query.servicelevel.ServiceLevelDefinitionNotFoundException when a reference matches
     *                                                                                  no projected version
     */
    static AlternativeTerms resolve(WhatIfRequest request, ServiceLevelDefinitionLookup lookup) {
        ServiceLevelPolicy policy;
        String policyId = null;
        Integer policyVersion = null;
        String policyCalendarId = null;
        if (request.policy() instanceof PolicyReference reference) {
            ServiceLevelPolicyVersion published = lookup.policy(reference.id(), reference.version());
            policy = published.toPolicy();
            policyId = published.id();
            policyVersion = published.version();
            policyCalendarId = published.calendarId();
        } else {
            InlinePolicy inline = (InlinePolicy) request.policy();
            policy = new ServiceLevelPolicy(INLINE_ID, INLINE_VERSION, Instant.EPOCH, inline.targets(),
                    inline.warningThreshold());
        }

        if (request.calendar() instanceof InlineCalendar inline) {
            return new AlternativeTerms(terms(policy, new NamedCalendar(INLINE_ID, INLINE_VERSION, inline.calendar())),
                    policyId, policyVersion, null, null);
        }
        BusinessCalendarVersion saved;
        if (request.calendar() instanceof CalendarReference reference) {
            saved = lookup.calendar(reference.id(), reference.version());
        } else if (policyCalendarId != null) {
            saved = lookup.calendar(policyCalendarId, null);
        } else {
            throw new InvalidWhatIfRequestException("calendar", null, "give a calendar with an inline policy, as"
                    + " {\"id\":\"EMEA\",\"version\":2} or as zone, openingHours and holidays");
        }
        return new AlternativeTerms(terms(policy, saved.toNamedCalendar()), policyId, policyVersion, saved.id(),
                saved.version());
    }

    private static ServiceLevelTerms terms(ServiceLevelPolicy policy, NamedCalendar calendar) {
        return new ServiceLevelTerms(policy, calendar, Map.of());
    }

    String zone() {
        return terms.customerCalendar().calendar().zoneId();
    }
}
