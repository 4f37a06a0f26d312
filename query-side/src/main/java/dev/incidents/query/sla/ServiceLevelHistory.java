package dev.incidents.query.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.query.asof.PeriodCollections;
import dev.incidents.query.asof.PeriodIndex;

/**
 * The history of the service level queues, written by {@link ServiceLevelProjection}: per incident, event and queue
 * key, the incident's entries under that key from that event until the incident's next event. The key of a level in one
 * group is {@code AT_RISK:<group>} or {@code BREACHED:<group>}, and the key of a level in every group is
 * {@code AT_RISK} or {@code BREACHED}. A period document lists the incident's entries under its key with the values
 * the live queue shows, and {@link PeriodIndex} lists each key's periods.
 */
final class ServiceLevelHistory {

    static final String NAME = "service_level_history";
    static final String KEYS = "service_level_history_keys";
    static final String BUCKETS = "service_level_history_buckets";

    static final PeriodCollections INDEX = new PeriodCollections(KEYS, BUCKETS,
            ServiceLevelProjection.PROCESSING_GROUP);

    private ServiceLevelHistory() {
    }

    /** Returns the key of the entries of {@code level} in {@code group}, or in every group for a null group. */
    static String key(AlertLevel level, String group) {
        return group == null ? level.name() : level.name() + ":" + group;
    }

    /** Returns the keys the record's current queue entries belong to, in entry order. */
    static Set<String> keys(ServiceLevelRecord serviceLevel) {
        Set<String> keys = new LinkedHashSet<>();
        for (QueueEntry entry : serviceLevel.queueEntries()) {
            keys.add(key(entry.level(), null));
            keys.add(key(entry.level(), entry.group()));
        }
        return keys;
    }

    /** Returns the id of the period of {@code incidentId} under {@code key} that starts at {@code sequence}. */
    static String id(String incidentId, long sequence, String key) {
        return incidentId + "/" + sequence + "/" + key;
    }

    /** Builds the document of the open period under {@code key} of the record as it is after its last event. */
    static Document open(String key, ServiceLevelRecord serviceLevel, Instant businessFrom, Instant recordedFrom) {
        List<Document> items = new ArrayList<>();
        for (QueueEntry entry : serviceLevel.queueEntries()) {
            if (key.equals(key(entry.level(), null)) || key.equals(key(entry.level(), entry.group()))) {
                items.add(item(entry, serviceLevel));
            }
        }
        return new Document("_id", id(serviceLevel.incidentId(), serviceLevel.lastSequence(), key))
                .append("key", key)
                .append("incidentId", serviceLevel.incidentId())
                .append(PeriodIndex.BUSINESS_FROM, Date.from(businessFrom))
                .append(PeriodIndex.BUSINESS_TO, null)
                .append(PeriodIndex.RECORDED_FROM, Date.from(recordedFrom))
                .append(PeriodIndex.RECORDED_TO, null)
                .append("items", items);
    }

    /** Reads the queue items of a stored period document. */
    static List<ServiceLevelQueueItem> items(Document period) {
        List<ServiceLevelQueueItem> items = new ArrayList<>();
        for (Document item : period.getList("items", Document.class)) {
            Long targetMillis = item.get("targetMillis", Number.class) == null ? null
                    : item.get("targetMillis", Number.class).longValue();
            items.add(new ServiceLevelQueueItem(period.getString("incidentId"),
                    ServiceLevelClockKind.valueOf(item.getString("clock")), item.getString("group"),
                    AlertLevel.valueOf(item.getString("level")), enumValue(Priority.class, item.getString("priority")),
                    enumValue(IncidentState.class, item.getString("state")), instant(item.getDate("since")),
                    instant(item.getDate("dueAt")), targetMillis == null ? null : targetMillis / 60_000.0,
                    item.getString("policyId"), item.getInteger("policyVersion")));
        }
        return items;
    }

    private static Document item(QueueEntry entry, ServiceLevelRecord serviceLevel) {
        return new Document("clock", entry.clock().name())
                .append("group", entry.group())
                .append("level", entry.level().name())
                .append("priority", name(entry.priority()))
                .append("state", name(serviceLevel.facts().state()))
                .append("since", date(entry.since()))
                .append("dueAt", date(entry.dueAt()))
                .append("targetMillis", entry.targetMillis())
                .append("policyId", serviceLevel.policyId())
                .append("policyVersion", serviceLevel.policyVersion());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
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
}
