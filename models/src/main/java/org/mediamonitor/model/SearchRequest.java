package org.mediamonitor.model;

import java.time.Instant;

/**
 * A search over stored items.
 *
 * @param query    the query text (AND/OR/NOT, phrases, {@code field:} prefixes); blank for all items
 * @param from     earliest publication time, inclusive, or null
 * @param to       latest publication time, exclusive, or null
 * @param label    only items with this label, or null
 * @param source   only items of this source id, or null
 * @param language only items in this language, or null
 * @param size     how many hits a page holds
 * @param cursor   where the page starts: the {@code next} of the previous page, or null for the first
 */
public record SearchRequest(String query, Instant from, Instant to, Label label, String source, String language,
                            int size, String cursor) {
    public static final int MAX_SIZE = 200;

    public SearchRequest {
        if (size < 1 || size > MAX_SIZE) throw new IllegalArgumentException("size must be from 1 to " + MAX_SIZE);
        if (from != null && to != null && from.isAfter(to)) throw new IllegalArgumentException("from is after to");
    }
}
