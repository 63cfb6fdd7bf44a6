package org.mediamonitor.model;

import java.util.Map;

/**
 * How many items match a query in a period, with facet counts and the share of all items of the period.
 *
 * @param total  matching items
 * @param all    all items of the period
 * @param ratio  total / all; null when the period holds no items
 * @param labels matching items by label
 * @param facets for each of label, source, language, country and kind: value → matching items
 */
public record QueryCounts(long total, long all, Double ratio, LabelCounts labels, Map<String, Map<String, Long>> facets) {
}
