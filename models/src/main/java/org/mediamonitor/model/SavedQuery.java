package org.mediamonitor.model;

import java.util.Objects;

/**
 * A query that staff keep: every incoming item is matched against it as it is indexed.
 *
 * @param id    short stable name, used in {@code query:ID} searches
 * @param name  what staff call it
 * @param query the query text, in the search language
 */
public record SavedQuery(String id, String name, String query) {
    public SavedQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(query, "query");
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a saved query's id is 1 to 64 letters, digits, '-' or '_'; got '" + id + "'");
        }
        if (name == null || name.isBlank()) name = id;
    }
}
