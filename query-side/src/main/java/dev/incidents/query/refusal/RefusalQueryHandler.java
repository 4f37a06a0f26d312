package dev.incidents.query.refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.query.access.Rejections;

/**
 * Reads pages of the refusal log for auditors and admins. A refusal names who tried what on which incident, also on
 * incidents the caller could not otherwise read, so no other role reads the log.
 */
@Component
class RefusalQueryHandler {

    private static final Set<Role> READERS = Set.of(Role.AUDITOR, Role.ADMIN);

    private final MongoOperations mongo;

    RefusalQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    RefusalPage handle(FetchRefusalsQuery query) {
        requireReader(query.caller());

        Query filter = new Query(criteria(query));
        long total = mongo.count(filter, RefusalDocument.class, RefusalLogProjection.COLLECTION);
        long skip = (long) query.page() * query.size();
        filter.with(Sort.by(Sort.Order.desc(RefusalDocument.RECORDED_AT), Sort.Order.desc("_id")))
                .skip(skip)
                .limit(query.size());
        List<RefusalEntry> items = mongo.find(filter, RefusalDocument.class, RefusalLogProjection.COLLECTION)
                .stream()
                .map(RefusalDocument::toEntry)
                .toList();
        // A page that reaches the end of the log also gives its length, and the log contains at least the refusals
        // read, so a refusal recorded between the count and the read cannot make the total disagree with the items.
        if (!items.isEmpty() && items.size() < query.size()) {
            total = skip + items.size();
        } else {
            total = Math.max(total, skip + items.size());
        }
        return new RefusalPage(items, query.page(), query.size(), total);
    }

    private static void requireReader(Caller caller) {
        if (caller.roles().stream().noneMatch(READERS::contains)) {
            String roles = caller.roles().isEmpty() ? "no role"
                    : "the roles " + caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", "));
            throw Rejections.reject(caller, "refusal log", "user " + caller.user() + " may read the refusal log only "
                    + "with the role AUDITOR or ADMIN", caller.user() + " has " + roles);
        }
    }

    private static Criteria criteria(FetchRefusalsQuery query) {
        List<Criteria> conditions = new ArrayList<>();
        if (query.incidentId() != null) {
            conditions.add(Criteria.where(RefusalDocument.INCIDENT_ID).is(query.incidentId()));
        }
        if (query.user() != null) {
            conditions.add(Criteria.where(RefusalDocument.USER).is(query.user()));
        }
        if (query.from() != null) {
            conditions.add(Criteria.where(RefusalDocument.RECORDED_AT).gte(query.from()));
        }
        if (query.to() != null) {
            conditions.add(Criteria.where(RefusalDocument.RECORDED_AT).lt(query.to()));
        }
        return conditions.isEmpty() ? new Criteria() : new Criteria().andOperator(conditions);
    }
}
