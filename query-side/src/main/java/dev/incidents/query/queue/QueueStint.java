package dev.incidents.query.queue;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.query.asof.PeriodIndex;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * One period during which an incident stayed unchanged in one queue section, stored in
 * {@link QueueHistoryCollection#NAME}: from the event that gave it these values until its next event, on both time
 * axes. Each bound is inclusive at the start and exclusive at the end, and a null end means the period is still open.
 *
 * @param customerLastOccurredAt the {@code lastOccurredAt} that the requester may see, which leaves out internal notes
 */
record QueueStint(String key, IncidentSummary summary, Instant customerLastOccurredAt, Instant businessFrom,
                  Instant businessTo, Instant recordedFrom, Instant recordedTo) {

    static final String KEY = "key";
    static final String INCIDENT_ID = "incidentId";
    static final String BUSINESS_FROM = PeriodIndex.BUSINESS_FROM;
    static final String BUSINESS_TO = PeriodIndex.BUSINESS_TO;
    static final String RECORDED_FROM = PeriodIndex.RECORDED_FROM;
    static final String RECORDED_TO = PeriodIndex.RECORDED_TO;

    /** Returns the id of the period of {@code incidentId} that starts at {@code sequence}, in the section {@code key}. */
    static String id(String incidentId, long sequence, String key) {
        return incidentId + "/" + sequence + "/" + key;
    }

    /** Builds the stored document of an open period of the incident as it is after the event at its last sequence. */
    static Document open(String key, ProjectedIncident incident, Instant businessFrom, Instant recordedFrom) {
        IncidentSummary summary = incident.toSummary();
        Document document = new Document("_id", id(incident.incidentId(), incident.lastSequence(), key))
                .append(KEY, key)
                .append(INCIDENT_ID, incident.incidentId())
                .append(BUSINESS_FROM, date(businessFrom))
                .append(BUSINESS_TO, null)
                .append(RECORDED_FROM, date(recordedFrom))
                .append(RECORDED_TO, null);
        document.append("state", name(summary.state()))
                .append("summary", summary.summary())
                .append("requester", text(summary.requester()))
                .append("category", summary.category())
                .append("impact", name(summary.impact()))
                .append("urgency", name(summary.urgency()))
                .append("priority", name(summary.priority()))
                .append("ownerGroup", text(summary.ownerGroup()))
                .append("assignedGroup", text(summary.assignedGroup()))
                .append("assignee", text(summary.assignee()))
                .append("reassignmentCount", summary.reassignmentCount())
                .append("reopenCount", summary.reopenCount())
                .append("reportedAt", date(summary.reportedAt()))
                .append("lastOccurredAt", date(summary.lastOccurredAt()))
                .append("customerLastOccurredAt", date(incident.toCustomerSummary().lastOccurredAt()))
                .append("resolvedAt", date(summary.resolvedAt()))
                .append("closedAt", date(summary.closedAt()))
                .append("firstContactResolution", summary.firstContactResolution())
                .append("lastSequence", summary.lastSequence())
                .append("version", summary.version());
        return document;
    }

    static QueueStint read(Document document) {
        IncidentSummary summary = new IncidentSummary(
                new IncidentId(document.getString(INCIDENT_ID)),
                enumValue(IncidentState.class, document.getString("state")),
                document.getString("summary"),
                userId(document.getString("requester")),
                document.getString("category"),
                enumValue(Impact.class, document.getString("impact")),
                enumValue(Urgency.class, document.getString("urgency")),
                enumValue(Priority.class, document.getString("priority")),
                groupId(document.getString("ownerGroup")),
                groupId(document.getString("assignedGroup")),
                userId(document.getString("assignee")),
                document.getInteger("reassignmentCount", 0),
                document.getInteger("reopenCount", 0),
                instant(document.getDate("reportedAt")),
                instant(document.getDate("lastOccurredAt")),
                instant(document.getDate("resolvedAt")),
                instant(document.getDate("closedAt")),
                document.getBoolean("firstContactResolution"),
                document.get("lastSequence", Number.class).longValue(),
                document.get("version", Number.class).longValue());
        return new QueueStint(document.getString(KEY), summary, instant(document.getDate("customerLastOccurredAt")),
                instant(document.getDate(BUSINESS_FROM)), instant(document.getDate(BUSINESS_TO)),
                instant(document.getDate(RECORDED_FROM)), instant(document.getDate(RECORDED_TO)));
    }

    /** Returns the summary as the requester may see it, without the time of internal work notes. */
    IncidentSummary customerSummary() {
        IncidentSummary s = summary;
        return new IncidentSummary(s.incidentId(), s.state(), s.summary(), s.requester(), s.category(), s.impact(),
                s.urgency(), s.priority(), s.ownerGroup(), s.assignedGroup(), s.assignee(), s.reassignmentCount(),
                s.reopenCount(), s.reportedAt(), customerLastOccurredAt, s.resolvedAt(), s.closedAt(),
                s.firstContactResolution(), s.lastSequence(), s.version());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static UserId userId(String value) {
        return value == null ? null : new UserId(value);
    }

    private static SupportGroupId groupId(String value) {
        return value == null ? null : new SupportGroupId(value);
    }
}
