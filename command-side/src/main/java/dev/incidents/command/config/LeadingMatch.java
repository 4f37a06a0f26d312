package dev.incidents.command.config;

import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Set;

/**
 * Finds the {@code $match} that an aggregate command applies to its collection before anything else, in pipelines
 * that read no other collection and no variables, so their input may come from an index. {@code countDocuments} sends
 * such a pipeline: a {@code $match}, then a {@code $group} that counts.
 */
final class LeadingMatch {

    /** Stages that transform their input stream and read nothing else. */
    private static final Set<String> STREAM_STAGES = Set.of("$match", "$group", "$count", "$sort", "$skip", "$limit",
            "$project", "$addFields", "$set", "$unset", "$unwind", "$replaceRoot", "$replaceWith", "$sortByCount");

    private LeadingMatch() {
    }

    /**
     * Returns the filter of an aggregate command that only counts the documents it matches, as {@code countDocuments}
     * sends it without skip or limit: a {@code $match}, then {@code $group} by 1 with {@code n} the {@code $sum} of 1.
     * Returns null for any other command.
     */
    static Document ofCount(Document aggregateCommand) {
        Document match = of(aggregateCommand);
        if (match == null || !(aggregateCommand.get("pipeline") instanceof List<?> pipeline) || pipeline.size() != 2
                || !(((Document) pipeline.get(1)).get("$group") instanceof Document group) || group.size() != 2) {
            return null;
        }
        boolean countsAll = isOne(group.get("_id")) && group.get("n") instanceof Document sum && sum.size() == 1
                && isOne(sum.get("$sum"));
        return countsAll ? match : null;
    }

    private static boolean isOne(Object value) {
        return value instanceof Number number && number.doubleValue() == 1.0;
    }

    /** Returns the filter of the aggregate command's first stage, or null when its input must be every document. */
    static Document of(Document aggregateCommand) {
        if (aggregateCommand.containsKey("let") || !(aggregateCommand.get("pipeline") instanceof List<?> pipeline)
                || pipeline.isEmpty()) {
            return null;
        }
        for (Object stage : pipeline) {
            if (!(stage instanceof Document operation) || operation.size() != 1
                    || !STREAM_STAGES.contains(operation.keySet().iterator().next())) {
                return null;
            }
        }
        return ((Document) pipeline.get(0)).get("$match") instanceof Document match ? match : null;
    }
}
