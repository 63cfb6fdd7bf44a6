package org.mediamonitor.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A page of search results.
 *
 * @param total  the exact number of items that match, over all pages
 * @param items  this page's hits, newest first
 * @param facets for each of label, source and language: value → number of matching items
 * @param next   the cursor of the following page; null on the last page
 */
public record SearchPage(long total, List<SearchHit> items, Map<String, Map<String, Long>> facets,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
}
