package org.mediamonitor.model;

import java.time.Instant;

/**
 * A search over stored items.
 *
 * @param query    the query text (AND/OR/NOT, {@code -word}, phrases, {@code NEAR/n}, {@code field:} prefixes,
 *                 date ranges, trailing {@code *}); blank for all items
 * @param from     earliest publication time, inclusive, or null
 * @param to       latest publication time, exclusive, or null
 * @param label    only items with this label, or null
 * @param source   only items of this source id, or null
 * @param language only items in this language, or null
 * @param size     how many hits a page holds
 * @param cursor   where the page starts: the {@code next} of the previous page, or null for the first
 * @param sort     newest first (the default) or best match first
 */
public record SearchRequest(String query, Instant from, Instant to, Label label, String source, String language,
                            int size, String cursor, Sort sort) {
    public static final int MAX_SIZE = 200;

    /** The order of the hits. */
    public enum Sort { DATE, RELEVANCE }

    public SearchRequest {
        if (size < 1 || size > MAX_SIZE) throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE);
        if (from != null && to != null && from.isAfter(to)) throw new IllegalArgumentException("from is after to");
        if (sort == null) sort = Sort.DATE;
    }

    /** A search sorted newest first. */
    public SearchRequest(String query, Instant from, Instant to, Label label, String source, String language,
                         int size, String cursor) {
        this(query, from, to, label, source, language, size, cursor, Sort.DATE);
    }
}
