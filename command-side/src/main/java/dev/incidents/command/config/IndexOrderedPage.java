package dev.incidents.command.config;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One page of a sorted query, collected from documents offered in the order of an index: the documents that match
 * are skipped up to the page's offset, and then taken up to its limit. The index order is the query's order only if
 * each document comes once and its sort values are single values, so a repeated position or an array among the sort
 * values ends the page as {@link #unordered() unordered}. A document skipped without reading it is not checked for
 * arrays, so a one-element array before the page counts as its element.
 */
final class IndexOrderedPage {

    private final int limit;
    /** The query's filter, or null when every document of the run matches it. */
    private final Predicate<Document> matches;
    private final Predicate<Document> singleSortValues;
    private int toSkip;
    private final List<Document> documents = new ArrayList<>();
    private final Set<Object> seen = new HashSet<>();
    private boolean unordered;

    /**
     * @param numberToSkip     matching documents before the page
     * @param limit            most documents of the page, or 0 or less for all that follow
     * @param matches          the query's filter, or null when every document offered matches it
     * @param singleSortValues whether a document has no array among its sort values
     */
    IndexOrderedPage(int numberToSkip, int limit, Predicate<Document> matches, Predicate<Document> singleSortValues) {
        this.toSkip = numberToSkip;
        this.limit = limit;
        this.matches = matches;
        this.singleSortValues = singleSortValues;
    }

    /**
     * Offers the document at {@code position}, which {@code reader} returns, or null when none is stored there. When
     * every document matches, the documents before the page are skipped without reading them. Returns false when the
     * page is full or has become unordered, after which nothing more is offered.
     */
    boolean offer(Object position, Function<Object, Document> reader) {
        if (!seen.add(position)) {
            unordered = true;
            return false;
        }
        if (matches == null && toSkip > 0) {
            toSkip--;
            return true;
        }

        Document document = reader.apply(position);
        if (document == null || (matches != null && !matches.test(document))) {
            return true;
        }
        if (!singleSortValues.test(document)) {
            unordered = true;
            return false;
        }
        if (toSkip > 0) {
            toSkip--;
            return true;
        }

        documents.add(document);
        return limit <= 0 || documents.size() < limit;
    }

    /** Returns whether a position came twice or a document had an array among its sort values. */
    boolean unordered() {
        return unordered;
    }

    List<Document> documents() {
        return documents;
    }
}
