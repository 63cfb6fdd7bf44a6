package org.mediamonitor.model;

import java.time.Instant;
import java.util.List;

/**
 * Counts of the items that match a query, period by period, split by label, beside the number of all
 * items of each period.
 *
 * @param interval the width of each period
 * @param periods  the periods in order, empty ones included
 */
public record TimeCounts(CountInterval interval, List<Period> periods) {
    public TimeCounts {
        periods = List.copyOf(periods);
    }

    /**
     * One period.
     *
     * @param period      its name in Asia/Taipei: {@code 2018-03-05} (day, and the Monday of a week), {@code 2018-03}, {@code 2018}
     * @param start       its first instant
     * @param matching    items that match the query, by label ({@code total} is the relevant ones)
     * @param all         all items published in the period, matching or not
     * @param ratio       matching items (relevant or not) divided by all items; null when there are none
     */
    public record Period(String period, Instant start, LabelCounts matching, long all, Double ratio) {
    }
}
