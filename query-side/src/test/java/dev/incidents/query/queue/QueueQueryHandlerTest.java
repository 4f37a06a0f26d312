package dev.incidents.query.queue;

import static dev.incidents.query.testing.TestEvents.SERVICE_DESK;
import static dev.incidents.query.testing.TestEvents.accepted;
import static dev.incidents.query.testing.TestEvents.assigned;
import static dev.incidents.query.testing.TestEvents.closed;
import static dev.incidents.query.testing.TestEvents.minute;
import static dev.incidents.query.testing.TestEvents.pended;
import static dev.incidents.query.testing.TestEvents.reassigned;
import static dev.incidents.query.testing.TestEvents.reopened;
import static dev.incidents.query.testing.TestEvents.reported;
import static dev.incidents.query.testing.TestEvents.resolved;
import static dev.incidents.query.testing.TestEvents.returnedToServiceDesk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.api.query.QueueKind;
import dev.incidents.api.query.QueuePage;
import dev.incidents.query.testing.InMemoryMongo;
import dev.incidents.query.testing.ProjectedIncidents;
import dev.incidents.query.testing.TestCallers;

class QueueQueryHandlerTest {

    private static final Caller AUDITOR = TestCallers.auditor("audrey");

    private static InMemoryMongo mongo;

    private ProjectedIncidents incidents;
    private QueueQueryHandler queues;

    @BeforeAll
    static void startMongo() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        mongo.clear();
        incidents = new ProjectedIncidents(mongo.template());
        queues = new QueueQueryHandler(mongo.template(), SERVICE_DESK);
    }

    private QueuePage page(QueueKind queue, String subject, int page, int size) {
        return queues.handle(new FetchQueuePageQuery(queue, subject, page, size, AUDITOR));
    }

    private List<String> ids(QueueKind queue, String subject) {
        return page(queue, subject, 0, FetchQueuePageQuery.MAX_SIZE).items().stream()
                .map(summary -> summary.incidentId().value())
                .toList();
    }

    @Test
    void serviceDeskQueueOrdersSections() {
        incidents.apply(
                reported("RESOLVED-1", "carol", minute(0)),
                assigned("RESOLVED-1", "NETWORK", "bob", minute(1)),
                resolved("RESOLVED-1", "NETWORK", "bob", minute(2)),
                reported("RETURNED-1", "carol", minute(3)),
                assigned("RETURNED-1", "NETWORK", null, minute(4)),
                returnedToServiceDesk("RETURNED-1", "NETWORK", null, 1, minute(5)),
                reported("NEW-1", "carol", minute(6)),
                reported("ELSEWHERE-1", "carol", minute(7)),
                assigned("ELSEWHERE-1", "NETWORK", null, minute(8)),
                reported("CLOSED-1", "carol", minute(9)),
                assigned("CLOSED-1", "NETWORK", "bob", minute(10)),
                resolved("CLOSED-1", "NETWORK", "bob", minute(11)),
                closed("CLOSED-1", minute(12)));

        QueuePage page = page(QueueKind.SERVICE_DESK, null, 0, 20);

        assertThat(page.items()).extracting(summary -> summary.incidentId().value())
                .containsExactly("NEW-1", "RETURNED-1", "RESOLVED-1");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.page()).isZero();
        assertThat(page.size()).isEqualTo(20);
    }

    @Test
    void serviceDeskPagesSpanSections() {
        incidents.apply(
                reported("NEW-1", "carol", minute(0)),
                reported("NEW-2", "carol", minute(1)),
                reported("RETURNED-1", "carol", minute(2)),
                assigned("RETURNED-1", "NETWORK", null, minute(3)),
                returnedToServiceDesk("RETURNED-1", "NETWORK", null, 1, minute(4)),
                reported("RESOLVED-1", "carol", minute(5)),
                assigned("RESOLVED-1", "NETWORK", "bob", minute(6)),
                resolved("RESOLVED-1", "NETWORK", "bob", minute(7)));

        List<List<String>> pages = List.of(0, 1, 2, 3).stream()
                .map(number -> page(QueueKind.SERVICE_DESK, null, number, 3).items().stream()
                        .map(summary -> summary.incidentId().value())
                        .toList())
                .toList();

        assertThat(pages.get(0)).containsExactly("NEW-1", "NEW-2", "RETURNED-1");
        assertThat(pages.get(1)).containsExactly("RESOLVED-1");
        assertThat(pages.get(2)).isEmpty();
        assertThat(page(QueueKind.SERVICE_DESK, null, 3, 3).total()).isEqualTo(4);
        assertThat(page(QueueKind.SERVICE_DESK, null, 1, 2).items())
                .extracting(summary -> summary.incidentId().value())
                .containsExactly("RETURNED-1", "RESOLVED-1");
    }

    @Test
    void groupQueueSortsUnacceptedByPriority() {
        incidents.apply(
                reported("LOW-OLD", "carol", Impact.LOW, Urgency.LOW, minute(0)),
                assigned("LOW-OLD", "NETWORK", null, minute(1)),
                reported("CRITICAL", "carol", Impact.HIGH, Urgency.HIGH, minute(2)),
                assigned("CRITICAL", "NETWORK", null, minute(3)),
                reported("LOW-NEW", "carol", Impact.LOW, Urgency.LOW, minute(4)),
                assigned("LOW-NEW", "NETWORK", null, minute(5)),
                reported("ACCEPTED", "carol", Impact.HIGH, Urgency.HIGH, minute(6)),
                assigned("ACCEPTED", "NETWORK", null, minute(7)),
                accepted("ACCEPTED", "NETWORK", "bob", minute(8)),
                reported("OTHER-GROUP", "carol", minute(9)),
                assigned("OTHER-GROUP", "DATABASE", null, minute(10)));

        assertThat(ids(QueueKind.SUPPORT_GROUP, "NETWORK")).containsExactly("CRITICAL", "LOW-OLD", "LOW-NEW");
        assertThat(page(QueueKind.SUPPORT_GROUP, "NETWORK", 0, 20).total()).isEqualTo(3);
    }

    @Test
    void totalMatchesItemsAfterRacingWrite() {
        incidents.apply(
                reported("INC-1", "carol", minute(0)),
                assigned("INC-1", "NETWORK", null, minute(1)));
        // Another incident joins the queue right after the count, before the page is read.
        QueueQueryHandler racingQueues = queuesApplyingAfterCount(
                reported("INC-2", "carol", minute(2)),
                assigned("INC-2", "NETWORK", null, minute(3)));

        QueuePage page = racingQueues.handle(new FetchQueuePageQuery(QueueKind.SUPPORT_GROUP, "NETWORK", 0, 20,
                AUDITOR));

        assertThat(page.items()).hasSize(2);
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void lastPageCountsIncidentsAddedAfterCount() {
        incidents.apply(
                reported("INC-1", "carol", minute(0)),
                assigned("INC-1", "NETWORK", null, minute(1)),
                reported("INC-2", "carol", minute(2)),
                assigned("INC-2", "NETWORK", null, minute(3)),
                reported("INC-3", "carol", minute(4)),
                assigned("INC-3", "NETWORK", null, minute(5)));
        // A fourth incident joins the queue right after the count, so the last page of two contains two, not one.
        QueueQueryHandler racingQueues = queuesApplyingAfterCount(
                reported("INC-4", "carol", minute(6)),
                assigned("INC-4", "NETWORK", null, minute(7)));

        QueuePage page = racingQueues.handle(new FetchQueuePageQuery(QueueKind.SUPPORT_GROUP, "NETWORK", 1, 2,
                AUDITOR));

        assertThat(page.items()).hasSize(2);
        assertThat(page.total()).isEqualTo(4);
    }

    /** Returns a query handler whose reads apply {@code events} right after each count. */
    private QueueQueryHandler queuesApplyingAfterCount(IncidentEvent... events) {
        MongoTemplate writeAfterCount = new MongoTemplate(mongo.client(), InMemoryMongo.DATABASE) {
            @Override
            public long count(Query query, String collectionName) {
                long count = super.count(query, collectionName);
                incidents.apply(events);
                return count;
            }
        };
        return new QueueQueryHandler(writeAfterCount, SERVICE_DESK);
    }

    @Test
    void groupQueueFollowsReassignment() {
        incidents.apply(
                reported("INC-1", "carol", minute(0)),
                assigned("INC-1", "NETWORK", null, minute(1)));
        assertThat(ids(QueueKind.SUPPORT_GROUP, "NETWORK")).containsExactly("INC-1");

        incidents.apply(reassigned("INC-1", "NETWORK", null, "DATABASE", null, IncidentState.ASSIGNED, 1,
                minute(2)));

        assertThat(ids(QueueKind.SUPPORT_GROUP, "NETWORK")).isEmpty();
        assertThat(ids(QueueKind.SUPPORT_GROUP, "DATABASE")).containsExactly("INC-1");
    }

    @Test
    void assigneeQueueHasOpenWorkOnly() {
        incidents.apply(
                reported("ASSIGNED", "carol", minute(0)),
                assigned("ASSIGNED", "NETWORK", "bob", minute(1)),
                reported("PENDING", "carol", minute(2)),
                assigned("PENDING", "NETWORK", "bob", minute(3)),
                accepted("PENDING", "NETWORK", "bob", minute(4)),
                pended("PENDING", minute(5)),
                reported("RESOLVED", "carol", minute(6)),
                assigned("RESOLVED", "NETWORK", "bob", minute(7)),
                accepted("RESOLVED", "NETWORK", "bob", minute(8)),
                resolved("RESOLVED", "NETWORK", "bob", minute(9)),
                reported("OTHER-PERSON", "carol", minute(10)),
                assigned("OTHER-PERSON", "NETWORK", "dave", minute(11)));

        assertThat(ids(QueueKind.ASSIGNEE, "bob")).containsExactly("ASSIGNED", "PENDING");
    }

    @Test
    void reopenedIncidentLeavesAssigneeQueue() {
        incidents.apply(
                reported("INC-1", "carol", minute(0)),
                assigned("INC-1", "NETWORK", "bob", minute(1)),
                accepted("INC-1", "NETWORK", "bob", minute(2)),
                resolved("INC-1", "NETWORK", "bob", minute(3)),
                reopened("INC-1", "NETWORK", IncidentState.RESOLVED, 1, minute(4)));

        assertThat(ids(QueueKind.ASSIGNEE, "bob")).isEmpty();
        assertThat(ids(QueueKind.SUPPORT_GROUP, "NETWORK")).containsExactly("INC-1");
    }

    @Test
    void requesterQueueListsNewestFirst() {
        incidents.apply(
                reported("OLDEST", "carol", minute(0)),
                reported("MIDDLE", "carol", minute(1)),
                assigned("MIDDLE", "NETWORK", "bob", minute(2)),
                resolved("MIDDLE", "NETWORK", "bob", minute(3)),
                closed("MIDDLE", minute(4)),
                reported("NEWEST", "carol", minute(5)),
                reported("SOMEONE-ELSE", "dave", minute(6)));

        assertThat(ids(QueueKind.REQUESTER, "carol")).containsExactly("NEWEST", "MIDDLE", "OLDEST");
    }

    @Test
    void operatorLikeSubjectIsPlainData() {
        incidents.apply(
                reported("INC-1", "carol", minute(0)),
                assigned("INC-1", "$where", null, minute(1)),
                reported("INC-2", "carol", minute(2)),
                assigned("INC-2", "NETWORK", null, minute(3)));

        assertThat(ids(QueueKind.SUPPORT_GROUP, "$where")).containsExactly("INC-1");
        assertThat(ids(QueueKind.SUPPORT_GROUP, "{\"$ne\": null}")).isEmpty();
        assertThat(ids(QueueKind.REQUESTER, "{\"$ne\": null}")).isEmpty();
    }

    @Test
    void pageBeyondEndIsEmpty() {
        incidents.apply(reported("INC-1", "carol", minute(0)));

        QueuePage page = page(QueueKind.REQUESTER, "carol", Integer.MAX_VALUE, FetchQueuePageQuery.MAX_SIZE);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void queueItemsAreFullSummaries() {
        incidents.apply(reported("INC-1", "carol", minute(0)), assigned("INC-1", "NETWORK", "bob", minute(1)));

        IncidentSummary item = page(QueueKind.ASSIGNEE, "bob", 0, 1).items().get(0);

        assertThat(item.state()).isEqualTo(IncidentState.ASSIGNED);
        assertThat(item.requester().value()).isEqualTo("carol");
        assertThat(item.reportedAt()).isEqualTo(minute(0));
    }
}
